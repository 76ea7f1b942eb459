import { join } from "node:path";
import cliProgress from "cli-progress";
import { InputError, meanCi95 } from "@equitable/core";
import { loadExperimentScenario, overWeeks, simulateExperiment, type SimulationRow, type WeekEquity } from "@equitable/experiment";
import { applyOverrides, integer, type CommonOptions } from "./options.js";
import { progressSink } from "./progress.js";
import { alignColumns } from "@equitable/experiment";

/** Flags of `equitable simulate`. */
export interface SimulateOptions extends CommonOptions {
  retrainEvery?: string;
  retrainEpochs?: string;
  model?: string;
  rounds?: string;
  retrainLr?: string;
  tolerance?: string;
}


/** "168h", "7d" or "168" → hours. */
export function hoursOf(flag: string, text: string): number {
  const m = /^\s*(\d+)\s*([hd]?)\s*$/.exec(text);
  const hours = m ? Number(m[1]) * (m[2] === "d" ? 24 : 1) : Number.NaN;
  if (!(Number.isInteger(hours) && hours >= 1)) throw new InputError(flag, `expected a whole number of hours ≥ 1 such as 168h or 7d, got '${text}'`);
  return hours;
}

/** A bar over simulated time on a terminal, one line per deployment otherwise. */
function simulationProgress(quiet: boolean) {
  if (quiet) return { start() {}, tick() {}, stop() {} };
  if (!process.stderr.isTTY) {
    return {
      start: (label: string) => process.stderr.write(`simulating ${label}…\n`),
      tick() {},
      stop: (message: string) => process.stderr.write(`${message}\n`),
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label: string, days: number) {
      bar = new cliProgress.SingleBar({ format: `${label.padEnd(28)} [{bar}] day {value}/{total} | model v{version} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(days, 0, { version: 0 });
    },
    tick(day: number, version: number) {
      bar?.update(day, { version });
    },
    stop(message: string) {
      bar?.stop();
      process.stderr.write(`${message}\n`);
    },
  };
}

const ci = (values: number[], digits = 4): string => {
  const { mean, halfWidth, n } = meanCi95(values);
  return n > 1 ? `${mean.toPrecision(digits)} ± ${halfWidth.toPrecision(2)}` : mean.toPrecision(digits);
};

/** The comparison table: per deployment, over seeds, the mean across weeks of the weekly variance and worst agent. */
export function formatSimulationTable(rows: readonly SimulationRow[]): string {
  const names = [...new Set(rows.map((r) => r.deployment))];
  const body = names.map((name) => {
    const of = rows.filter((r) => r.deployment === name);
    const perSeed = (f: (w: WeekEquity) => number) => of.map((r) => overWeeks(r.weeks, f));
    return [
      name, String(of.length), ci(perSeed((w) => w.variance)), ci(perSeed((w) => w.worst)), ci(perSeed((w) => w.mean)),
      String(Math.round(of.reduce((s, r) => s + r.result.versions.length, 0) / of.length)), (of.reduce((s, r) => s + r.result.wallSeconds, 0) / of.length).toFixed(1),
    ];
  });
  return alignColumns(["deployment", "seeds", "weekly variance", "weekly worst", "mean", "versions", "wall s"], body);
}

/**
 * `equitable simulate <scenario>`: deploys the scenario's models over its test period hour by
 * hour — agents acting with state on each forecast, their regrets priced against the hindsight
 * optimum day by day — frozen, and with `--retrain-every`, also retrained by the operator on the
 * regrets of the rows seen so far and swapped in. Prints the weekly equity per deployment.
 */
export async function simulateCommand(scenarioPath: string, opts: SimulateOptions): Promise<void> {
  const scenario = applyOverrides(await loadExperimentScenario(scenarioPath), opts);
  if (opts.rounds !== undefined && !scenario.feedback) {
    throw new InputError("--rounds", `scenario '${scenario.name}' has no \`feedback\`: the closed loop needs a response model (e.g. "feedback": { "model": "merit-order" })`);
  }
  // With feedback the agents' actions move the signal: the simulation is the closed loop, round by round.
  if (scenario.feedback) return (await import("./loop-command.js")).loopCommand(scenario, opts);
  const every = opts.retrainEvery !== undefined ? hoursOf("--retrain-every", opts.retrainEvery) : undefined;
  const retrainEpochs = opts.retrainEpochs !== undefined ? integer("--retrain-epochs", opts.retrainEpochs, 1) : 2;
  if (opts.out !== undefined && opts.out.trim() === "") throw new InputError("--out", "is empty: name the output directory");
  const progress = simulationProgress(opts.quiet === true);
  const r = await simulateExperiment(scenario, {
    out: opts.out, where: opts.out !== undefined ? "--out" : "output directory", force: opts.force === true, dataDir: opts.dataDir, backend: opts.backend,
    retrainEvery: every, retrainEpochs, modelDir: opts.model, modelWhere: "--model", onEvent: progressSink(opts.quiet === true),
    onSimulation: (e) => {
      if (e.type === "deployment-start") progress.start(e.name, e.days);
      else if (e.type === "deployment-day") progress.tick(e.day, e.version);
      else progress.stop(`${e.name}: ${e.hours} hours in ${e.wallSeconds.toFixed(1)} s, ${e.versions} model version(s)`);
    },
  });
  process.stdout.write(`\nScenario ${scenario.name} deployed over its test period (${Math.ceil((r.rows[0]?.result.daily.length ?? 0) / 7)} weeks), seeds ${r.seeds.join(", ")}, backend ${r.backend}\n`);
  process.stdout.write(`Each agent's mean daily regret per week (stateful, against the hindsight optimum), then across agents, averaged over weeks${r.seeds.length > 1 ? "; mean ± 95 % CI over seeds" : ""}:\n\n${formatSimulationTable(r.rows)}\n\n`);
  process.stdout.write(`Wrote ${join(r.out, "simulate.json")}, weekly-equity.csv and daily-regrets.csv\n`);
}
