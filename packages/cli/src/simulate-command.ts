import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import { InputError, meanCi95, type TrainingObjective } from "@equitable/core";
import { loadModel, selectBackend, type TrainableModel } from "@equitable/model";
import { buildWorld, loadScenario, modelSpecOf, type World } from "@equitable/scenario";
import { applyOverrides, integer, type CommonOptions } from "./options.js";
import { jobsFor } from "./job.js";
import { trainSeedJobs } from "./seed-jobs.js";
import { createProgress } from "./progress.js";
import { RunDir } from "./run-dir.js";
import { outputWriteError } from "./probe-dir.js";
import { writeFileAtomic } from "./atomic-write.js";
import { alignColumns } from "./table.js";
import { simulateDeployment, type DeploymentResult } from "./live-deployment.js";
import { specMismatch } from "./spec-mismatch.js";
import { weeklyEquity, type WeekEquity } from "./weekly-equity.js";
// The file's format alone (its reader is beside it), without the report's charts and vega.
import { formatWeekRows, WEEKLY_EQUITY_FILE } from "@equitable/report/weekly-equity";

/** Flags of `equitable simulate`. */
export interface SimulateOptions extends CommonOptions {
  retrainEvery?: string;
  retrainEpochs?: string;
  model?: string;
}

/** The files a simulation writes, in its order (simulate.json last: its presence means it completed). */
export const SIMULATION_FILES = ["daily-regrets.csv", WEEKLY_EQUITY_FILE, "simulate.json"] as const;

/** "168h", "7d" or "168" → hours. */
export function hoursOf(flag: string, text: string): number {
  const m = /^\s*(\d+)\s*([hd]?)\s*$/.exec(text);
  const hours = m ? Number(m[1]) * (m[2] === "d" ? 24 : 1) : Number.NaN;
  if (!(Number.isInteger(hours) && hours >= 1)) throw new InputError(flag, `expected a whole number of hours ≥ 1 such as 168h or 7d, got '${text}'`);
  return hours;
}

/** One simulated deployment of one seed, measured. */
interface SimRow {
  readonly deployment: string;
  readonly seed: number;
  readonly weeks: WeekEquity[];
  readonly result: DeploymentResult;
}

/** A model to deploy: its label and the objective the operator retrains it with. */
interface Deployable {
  readonly label: string;
  readonly objective: TrainingObjective;
  readonly model: TrainableModel;
}

/** The mean over a deployment's weeks of one weekly measure. */
const overWeeks = (weeks: readonly WeekEquity[], f: (w: WeekEquity) => number): number => weeks.reduce((sum, w) => sum + f(w), 0) / weeks.length;

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
export function formatSimulationTable(rows: readonly SimRow[]): string {
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

function dailyCsv(rows: readonly SimRow[], ids: readonly string[]): string {
  const lines = ["deployment,seed,day,hour,agent,regret"];
  for (const r of rows) {
    r.result.daily.forEach((day, d) => {
      for (let j = 0; j < ids.length; j++) lines.push(`${r.deployment},${r.seed},${d},${r.result.dayHours[d]},${ids[j]},${day[j]}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

function weeklyCsv(rows: readonly SimRow[]): string {
  return formatWeekRows(rows.flatMap((r) => r.weeks.map((w) => ({ deployment: r.deployment, seed: r.seed, ...w }))));
}

/**
 * `equitable simulate <scenario>`: deploys the scenario's models over its test period hour by
 * hour — agents acting with state on each forecast, their regrets priced against the hindsight
 * optimum day by day — frozen, and with `--retrain-every`, also retrained by the operator on the
 * regrets of the rows seen so far and swapped in. Prints the weekly equity per deployment.
 */
export async function simulateCommand(scenarioPath: string, opts: SimulateOptions): Promise<void> {
  const loaded = await loadScenario(scenarioPath, import.meta.url);
  const scenario = applyOverrides(loaded, opts);
  const every = opts.retrainEvery !== undefined ? hoursOf("--retrain-every", opts.retrainEvery) : undefined;
  const retrainEpochs = opts.retrainEpochs !== undefined ? integer("--retrain-epochs", opts.retrainEpochs, 1) : 2;
  if (opts.out !== undefined && opts.out.trim() === "") throw new InputError("--out", "is empty: name the output directory");
  const out = resolve(opts.out ?? join("runs", `${scenario.name}-live`));
  const seeds = scenario.seeds ? [...new Set(scenario.seeds)] : [scenario.seed];
  const given = opts.model !== undefined ? await loadModel(resolve(opts.model)) : undefined;
  if (given) {
    const mismatch = specMismatch(given.model.spec, modelSpecOf(scenario));
    if (mismatch) throw new InputError("--model", `${mismatch}: the model does not fit scenario '${scenario.name}'`);
  }
  const runDir = await RunDir.open(out, { where: opts.out !== undefined ? "--out" : "output directory", force: opts.force === true, planned: [...SIMULATION_FILES] });
  try {
    const backend = await selectBackend(opts.backend);
    const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
    let next: World | undefined = buildWorld({ ...scenario, seed: seeds[0] }, { seed: seeds[0], dataDir });
    const rows: SimRow[] = [];
    let ids: readonly string[] = [];
    const started = performance.now();
    try {
      await runDir.begin();
      for (const seed of seeds) {
        const world = next ?? buildWorld({ ...scenario, seed }, { seed, dataDir });
        next = undefined;
        ids = world.population.ids;
        try {
          const progress = simulationProgress(opts.quiet === true);
          const days = Math.ceil(world.test.length / 24);
          const deploy = async (d: Deployable): Promise<void> => {
            for (const retrained of every === undefined ? [false] : [false, true]) {
              const name = `${d.label} ${retrained ? `retrained/${every}h` : "frozen"}`;
              progress.start(name, days);
              const result = await simulateDeployment({
                scenario: { ...scenario, seed }, world, rows: world.test, model: d.model, label: d.label, objective: d.objective, seed,
                retraining: retrained ? { every: every!, epochs: retrainEpochs } : undefined,
                onTick: (tick, version) => {
                  if (tick.index % 24 === 0) progress.tick(tick.index / 24, version);
                },
              });
              progress.stop(`${name}: ${world.test.length} hours in ${result.wallSeconds.toFixed(1)} s, ${result.versions.length} model version(s)`);
              rows.push({ deployment: name, seed, weeks: weeklyEquity(result.daily), result });
            }
          };
          if (given) await deploy({ label: "given", objective: given.meta.objective as TrainingObjective, model: given.model });
          // Trained as `run` trains a seed (warm starts, the equal budget); each model is deployed before it is disposed.
          else {
            await trainSeedJobs({ ...scenario, seed }, world, jobsFor(scenario), seed, createProgress(opts.quiet === true), ({ job, trained }) =>
              deploy({ label: job.label, objective: job.objective, model: trained.model }));
          }
        } finally {
          world.dispose();
        }
      }
      await writeFileAtomic(join(out, "daily-regrets.csv"), dailyCsv(rows, ids));
      await writeFileAtomic(join(out, WEEKLY_EQUITY_FILE), weeklyCsv(rows));
      const summary = {
        scenario: scenario.name, backend, seeds, retrainEvery: every ?? null, retrainEpochs: every === undefined ? null : retrainEpochs,
        wallSeconds: (performance.now() - started) / 1000,
        deployments: rows.map((r) => ({
          deployment: r.deployment, seed: r.seed, days: r.result.daily.length, wallSeconds: r.result.wallSeconds, versions: r.result.versions,
          weeklyVariance: overWeeks(r.weeks, (w) => w.variance),
          weeklyWorst: overWeeks(r.weeks, (w) => w.worst),
          mean: overWeeks(r.weeks, (w) => w.mean),
        })),
      };
      await writeFileAtomic(join(out, "simulate.json"), `${JSON.stringify(summary, null, 2)}\n`);
      await runDir.wrote(SIMULATION_FILES);
      await runDir.complete();
      process.stdout.write(`\nScenario ${scenario.name} deployed over its test period (${Math.ceil((rows[0]?.result.daily.length ?? 0) / 7)} weeks), seeds ${seeds.join(", ")}, backend ${backend}\n`);
      process.stdout.write(`Each agent's mean daily regret per week (stateful, against the hindsight optimum), then across agents, averaged over weeks${seeds.length > 1 ? "; mean ± 95 % CI over seeds" : ""}:\n\n${formatSimulationTable(rows)}\n\n`);
      process.stdout.write(`Wrote ${join(out, "simulate.json")}, weekly-equity.csv and daily-regrets.csv\n`);
    } catch (err) {
      await runDir.fail(err);
      throw outputWriteError(err, out, opts.out !== undefined ? "--out" : "output directory");
    } finally {
      next?.dispose();
    }
  } finally {
    given?.model.dispose();
    await runDir.release();
  }
}
