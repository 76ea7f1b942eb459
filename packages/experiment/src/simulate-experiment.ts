import { join, resolve } from "node:path";
import { lastValueFrom, tap } from "rxjs";
import { InputError, type TrainingObjective } from "@equitable/core";
import { requireHostBackend } from "./host-backend.js";
import { loadModel, selectBackend, type BackendName, type TrainableModel } from "@equitable/model";
import { buildWorld, modelSpecOf, type Scenario, type World } from "@equitable/scenario";
import { ignoreEvents, type EventSink } from "./events.js";
import { simulateDeployment, type DeploymentResult } from "./live-deployment.js";
import { planJobs } from "./plan-jobs.js";
import { seedsOf } from "./run-experiment.js";
import { specMismatch } from "./spec-mismatch.js";
import { outputWriteError } from "./store/probe-dir.js";
import { writeFileAtomic } from "./store/atomic-write.js";
import { RunStore } from "./store/run-store.js";
import { trainSeed } from "./train-seed.js";
import { weeklyEquity, type WeekEquity } from "./weekly-equity.js";
// weekly-equity.csv's one writer, beside its one reader (the report's), without the report's charts.
import { formatWeekRows, WEEKLY_EQUITY_FILE } from "@equitable/report/weekly-equity";

/** The files a simulation writes, in its order (simulate.json last: its presence means it completed). */
export const SIMULATION_FILES = ["daily-regrets.csv", WEEKLY_EQUITY_FILE, "simulate.json"] as const;

/** One simulated deployment of one seed, measured. */
export interface SimulationRow {
  readonly deployment: string;
  readonly seed: number;
  readonly weeks: WeekEquity[];
  readonly result: DeploymentResult;
}

/** Progress of a simulation, for a caller to draw. */
export type SimulationEvent =
  | { readonly type: "deployment-start"; readonly name: string; readonly days: number }
  | { readonly type: "deployment-day"; readonly day: number; readonly version: number }
  | { readonly type: "deployment-end"; readonly name: string; readonly hours: number; readonly wallSeconds: number; readonly versions: number };

/** How {@link simulateExperiment} runs. */
export interface SimulateOptions {
  readonly out?: string;
  readonly where?: string;
  readonly force?: boolean;
  readonly dataDir?: string;
  readonly backend?: BackendName | "auto";
  /** Also simulate each model retrained every so many simulated hours and swapped in. */
  readonly retrainEvery?: number;
  /** Epochs of each retrain (default 2). */
  readonly retrainEpochs?: number;
  /** Deploy this saved model instead of training the scenario's. */
  readonly modelDir?: string;
  /** How errors name `modelDir` ("--model" on the command line). */
  readonly modelWhere?: string;
  /** Training progress (the models trained before deployment). */
  readonly onEvent?: EventSink;
  /** Simulation progress. */
  readonly onSimulation?: (e: SimulationEvent) => void;
}

/** A finished simulation: every deployment's weeks, and where it wrote. */
export interface SimulationResult {
  readonly out: string;
  readonly backend: string;
  readonly seeds: readonly number[];
  readonly rows: readonly SimulationRow[];
  readonly agentIds: readonly string[];
}

/** The mean over a deployment's weeks of one weekly measure. */
export const overWeeks = (weeks: readonly WeekEquity[], f: (w: WeekEquity) => number): number => weeks.reduce((sum, w) => sum + f(w), 0) / weeks.length;

function dailyCsv(rows: readonly SimulationRow[], ids: readonly string[]): string {
  const lines = ["deployment,seed,day,hour,agent,regret"];
  for (const r of rows) {
    r.result.daily.forEach((day, d) => {
      for (let j = 0; j < ids.length; j++) lines.push(`${r.deployment},${r.seed},${d},${r.result.dayHours[d]},${ids[j]},${day[j]}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** A model to deploy: its label and the objective the operator retrains it with. */
interface Deployable {
  readonly label: string;
  readonly objective: TrainingObjective;
  readonly model: TrainableModel;
}

/**
 * Deploys the scenario's models over its test period hour by hour — agents acting with state on
 * each forecast, their regrets priced against the hindsight optimum day by day — frozen, and with
 * `retrainEvery`, also retrained by the operator on the rows seen so far and swapped in. Writes
 * daily-regrets.csv, weekly-equity.csv and simulate.json into a {@link RunStore}.
 */
export async function simulateExperiment(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  // A backend named up front is refused before it starts (Dawn prints its own warnings as it does).
  if (options.backend === "webgpu") requireHostBackend(options.backend, "simulate");
  const every = options.retrainEvery;
  const retrainEpochs = options.retrainEpochs ?? 2;
  const where = options.where ?? "output directory";
  if (options.out !== undefined && options.out.trim() === "") throw new InputError(options.where ?? "out", "is empty: name the output directory");
  const out = resolve(options.out ?? join("runs", `${scenario.name}-live`));
  const seeds = seedsOf(scenario);
  const onSim = options.onSimulation ?? (() => {});
  const given = options.modelDir !== undefined ? await loadModel(resolve(options.modelDir)) : undefined;
  if (given) {
    const mismatch = specMismatch(given.model.spec, modelSpecOf(scenario));
    if (mismatch) {
      given.model.dispose();
      throw new InputError(options.modelWhere ?? "modelDir", `${mismatch}: the model does not fit scenario '${scenario.name}'`);
    }
  }
  let store: RunStore;
  try {
    store = await RunStore.open(out, { where, force: options.force === true, planned: [...SIMULATION_FILES] });
  } catch (err) {
    given?.model.dispose();
    throw err;
  }
  try {
    const backend = await selectBackend(options.backend ?? "auto");
    requireHostBackend(backend, "simulate");
    const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
    let next: World | undefined = buildWorld({ ...scenario, seed: seeds[0] }, { seed: seeds[0], dataDir });
    const rows: SimulationRow[] = [];
    let ids: readonly string[] = [];
    const started = performance.now();
    try {
      await store.begin();
      for (const seed of seeds) {
        const world = next ?? buildWorld({ ...scenario, seed }, { seed, dataDir });
        next = undefined;
        ids = world.population.ids;
        try {
          const days = Math.ceil(world.test.length / 24);
          const deploy = async (d: Deployable): Promise<void> => {
            for (const retrained of every === undefined ? [false] : [false, true]) {
              const name = `${d.label} ${retrained ? `retrained/${every}h` : "frozen"}`;
              onSim({ type: "deployment-start", name, days });
              const result = await simulateDeployment({
                scenario: { ...scenario, seed }, world, rows: world.test, model: d.model, label: d.label, objective: d.objective, seed,
                retraining: retrained ? { every: every!, epochs: retrainEpochs } : undefined,
                onTick: (tick, version) => {
                  if (tick.index % 24 === 0) onSim({ type: "deployment-day", day: tick.index / 24, version });
                },
              });
              onSim({ type: "deployment-end", name, hours: world.test.length, wallSeconds: result.wallSeconds, versions: result.versions.length });
              rows.push({ deployment: name, seed, weeks: weeklyEquity(result.daily), result });
            }
          };
          if (given) await deploy({ label: "given", objective: given.meta.objective as TrainingObjective, model: given.model });
          // Trained as `run` trains a seed (warm starts, the equal budget); each model is deployed before it is disposed.
          else {
            const seeded = { ...scenario, seed };
            await lastValueFrom(
              trainSeed(world, planJobs(seeded), { scenario: seeded, each: ({ job, trained }) => deploy({ label: job.label, objective: job.objective, model: trained.model }) })
                .pipe(tap(options.onEvent ?? ignoreEvents)),
              { defaultValue: undefined },
            );
          }
        } finally {
          world.dispose();
        }
      }
      await writeFileAtomic(join(out, "daily-regrets.csv"), dailyCsv(rows, ids));
      await writeFileAtomic(join(out, WEEKLY_EQUITY_FILE), formatWeekRows(rows.flatMap((r) => r.weeks.map((w) => ({ deployment: r.deployment, seed: r.seed, ...w })))));
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
      await store.wrote(SIMULATION_FILES);
      await store.complete();
      return { out, backend, seeds, rows, agentIds: ids };
    } catch (err) {
      await store.fail(err);
      throw outputWriteError(err, out, where);
    } finally {
      next?.dispose();
    }
  } finally {
    given?.model.dispose();
    await store.release();
  }
}
