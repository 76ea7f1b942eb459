import { join } from "node:path";
import { InputError, meanCi95 } from "@equitable/core";
import { alignColumns, simulateLoops, type LoopRow } from "@equitable/experiment";
import type { Scenario } from "@equitable/scenario";
import { integer } from "./options.js";
import { progressSink } from "./progress.js";
import { hoursOf, type SimulateOptions } from "./simulate-command.js";

const ci = (values: number[], digits = 4): string => {
  const { mean, halfWidth, n } = meanCi95(values);
  return n > 1 ? `${mean.toPrecision(digits)} ± ${halfWidth.toPrecision(2)}` : mean.toPrecision(digits);
};

/** The loops' table: per deployment, over seeds, round 0's and the last round's equity, herding, and when it stabilised. */
export function formatLoopTable(rows: readonly LoopRow[]): string {
  const names = [...new Set(rows.map((r) => r.deployment))];
  const body = names.map((name) => {
    const of = rows.filter((r) => r.deployment === name);
    const last = (f: (x: LoopRow["result"]["rounds"][number]) => number) => of.map((r) => f(r.result.rounds[r.result.rounds.length - 1]));
    const first = (f: (x: LoopRow["result"]["rounds"][number]) => number) => of.map((r) => f(r.result.rounds[0]));
    const stable = of.map((r) => r.result.stableFrom);
    const stableText = stable.every((s) => s === null) ? "never" : stable.map((s) => (s === null ? "never" : String(s))).join(" ");
    return [
      name, String(of.length), ci(first((x) => x.variance)), ci(last((x) => x.variance)), ci(first((x) => x.worst)), ci(last((x) => x.worst)),
      ci(last((x) => x.mean)), ci(last((x) => x.herding), 3), stableText,
    ];
  });
  return alignColumns(["deployment", "seeds", "variance round 0", "variance last", "worst round 0", "worst last", "mean regret last", "herding last", "stable from round"], body);
}

/**
 * `equitable simulate` on a scenario with `feedback`: the closed loop (library: simulateLoops).
 * Prints the last round's equity per deployment, and whether and when each loop stabilised.
 */
export async function loopCommand(scenario: Scenario, opts: SimulateOptions): Promise<void> {
  if (opts.model !== undefined) throw new InputError("--model", "a closed loop retrains the scenario's own models: leave --model off with `feedback`");
  const rounds = opts.rounds !== undefined ? integer("--rounds", opts.rounds, 1, { limit: 10_000, why: "rounds" }) : undefined;
  const every = opts.retrainEvery !== undefined ? hoursOf("--retrain-every", opts.retrainEvery) : undefined;
  const positive = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (text.trim() === "" || !(Number.isFinite(v) && v > 0)) throw new InputError(flag, `expected a number > 0, got '${text}'`);
    return v;
  };
  const retrainLearningRate = positive("--retrain-lr", opts.retrainLr);
  const tolerance = positive("--tolerance", opts.tolerance);
  const retrainEpochs = opts.retrainEpochs !== undefined ? integer("--retrain-epochs", opts.retrainEpochs, 1) : 2;
  if (opts.out !== undefined && opts.out.trim() === "") throw new InputError("--out", "is empty: name the output directory");
  const quiet = opts.quiet === true;
  const r = await simulateLoops(scenario, {
    rounds, retrainEvery: every, retrainEpochs, retrainLearningRate, tolerance, out: opts.out, where: opts.out !== undefined ? "--out" : "output directory", force: opts.force === true,
    dataDir: opts.dataDir, backend: opts.backend, onEvent: progressSink(quiet),
    onLoop: (e) => {
      if (quiet) return;
      if (e.type === "loop-start") process.stderr.write(`${e.name}: ${e.rounds} rounds…\n`);
      else if (e.type === "loop-round") {
        const d = e.row.distance === null ? "–" : e.row.distance.toPrecision(3);
        process.stderr.write(`  round ${e.row.round}: forecast ${e.row.forecastMean.toPrecision(4)}, signal ${e.row.signalMean.toPrecision(4)}, model moved ${d}, variance ${e.row.variance.toPrecision(3)}, worst ${e.row.worst.toPrecision(3)} (${e.row.worstAgent}), herding ${e.row.herding.toPrecision(3)}\n`);
      } else process.stderr.write(`${e.name}: ${e.wallSeconds.toFixed(1)} s, ${e.stableFrom === null ? "did not stabilise" : `stable from round ${e.stableFrom}`}\n`);
    },
  });
  const n = r.rows[0]?.result.rounds.length ?? 0;
  process.stdout.write(`\nScenario ${scenario.name}: closed loop (feedback ${scenario.feedback!.model}) over ${n} rounds, seeds ${r.seeds.join(", ")}, backend ${r.backend}\n`);
  process.stdout.write(`Round 0 (the models as trained) and the last round: each agent's mean daily regret on the realised signal (price-taker ex-post), then across agents; herding = share of load in the forecast's cheapest quarter of hours${r.seeds.length > 1 ? "; mean ± 95 % CI over seeds" : ""}:\n\n${formatLoopTable(r.rows)}\n\n`);
  const never = [...new Set(r.rows.filter((x) => x.result.stableFrom === null).map((x) => x.deployment))];
  if (never.length > 0) process.stdout.write(`Did not stabilise within ${n} rounds (successive models' forecasts kept moving by more than ${r.rows[0].result.tolerance}): ${never.join("; ")}\n`);
  process.stdout.write(`Wrote ${join(r.out, "simulate.json")} and rounds.csv\n`);
}
