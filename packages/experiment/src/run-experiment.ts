import { join, resolve } from "node:path";
import { lastValueFrom, tap } from "rxjs";
import { InputError, trainingMethods } from "@equitable/core";
import { lastBackendChoice, saveModel, selectBackend, type BackendChoice, type BackendName } from "@equitable/model";
import { buildWorld, type Scenario, type World } from "@equitable/scenario";
import { checkMethodRoutes, measureDisagreement, type Disagreement } from "@equitable/trainer";
import { ignoreEvents, type EventSink } from "./events.js";
import { planJobs, type PlannedJob } from "./plan-jobs.js";
import { RunStore } from "./store/run-store.js";
import { outputWriteError } from "./store/probe-dir.js";
import { trainSeed } from "./train-seed.js";
import { RESULT_FILES, writeResults, type RunResults } from "./write-results.js";

/** How {@link runExperiment} runs: where it writes and on what. */
export interface ExperimentOptions {
  /** The output directory (default runs/<scenario name>). */
  readonly out?: string;
  /** How errors name the output directory ("--out" on the command line). */
  readonly where?: string;
  /** Write into a directory that also holds files no run wrote (they are kept, never replaced). */
  readonly force?: boolean;
  /** The directory of the real data files (e.g. ../shared/data). */
  readonly dataDir?: string;
  /** The tfjs backend ("auto" picks the fastest available). */
  readonly backend?: BackendName | "auto";
  /** The jobs to train (default {@link planJobs} of the scenario). */
  readonly jobs?: readonly PlannedJob[];
  /** Progress and results as they happen. */
  readonly onEvent?: EventSink;
}

/** A finished experiment: its rows (also in summary.json), where it wrote, and what a report prints. */
export interface ExperimentResult extends RunResults {
  /** The output directory, absolute. */
  readonly out: string;
  /** The backend the models trained on. */
  readonly backend: string;
  /** Why that backend: its adapter (webgpu) and each backend `auto` tried and skipped, with the reason (also in run.json). */
  readonly backendChoice?: BackendChoice;
  readonly seeds: readonly number[];
  readonly jobs: readonly PlannedJob[];
  /** Per seed: agents and the train/test ticks of its world. */
  readonly worlds: readonly { seed: number; agents: number; trainRows: number; testRows: number }[];
  /** Whether the agents want different forecasts, measured on the first seed's baseline when the run compares it with a regret-based method. */
  readonly disagreement?: Disagreement;
}

/** The seeds a run trains: the replications, or the scenario's one seed. */
export function seedsOf(scenario: Scenario): number[] {
  return scenario.seeds ? [...new Set(scenario.seeds)] : [scenario.seed];
}

/** Where a model of one seed is saved: models/<label>, or models/seed-<s>/<label> in a replicated run. */
export function modelLabel(label: string, seed: number, replicated: boolean): string {
  return replicated ? `seed-${seed}/${label}` : label;
}

/** The files saveModel writes for a job. */
function modelFiles(label: string): string[] {
  return [`models/${label}/model.json`, `models/${label}/weights.bin`];
}

/** Whether every fine-tune finds its baseline trained before it, as training.warmStart needs. */
export function checkWarmStart(scenario: Scenario, jobs: readonly PlannedJob[]): void {
  if (!scenario.training.warmStart) return;
  let baseline = false;
  for (const job of jobs) {
    if (job.baseline) baseline = true;
    else if (!baseline) throw new InputError("training.warmStart", "needs Plain PM trained first in the same run (use `run`, not `train --method equitable`)");
  }
}

/**
 * Trains every planned job of a scenario for each of its seeds, evaluates each on the test split,
 * saves the models and writes summary.json, regrets.csv and run.json: what `equitable run` does,
 * less the printing. Everything checkable is checked before training: the output directory
 * (writable, not held by another run, holding nothing a run did not write), the data, each method's
 * routes. Only then are the previous run's files replaced; models are saved as they finish and
 * summary.json once all are done, the directory's marker saying "running" until then.
 */
export async function runExperiment(base: Scenario, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const jobs = options.jobs ?? planJobs(base);
  checkWarmStart(base, jobs);
  if (options.out !== undefined && options.out.trim() === "") {
    const field = options.where ?? "out";
    throw new InputError(field, `is empty: name the output directory, or leave ${field} off for runs/<scenario name>`);
  }
  const out = resolve(options.out ?? join("runs", base.name));
  const where = options.where ?? "output directory";
  const replicated = base.seeds !== undefined;
  const seeds = seedsOf(base);
  const store = await RunStore.open(out, {
    where,
    force: options.force === true,
    planned: [...RESULT_FILES, ...seeds.flatMap((seed) => jobs.flatMap((job) => modelFiles(modelLabel(job.label, seed, replicated))))],
  });
  try {
    return await trainInto(store, base, jobs, seeds, options, where);
  } finally {
    await store.release();
  }
}

async function trainInto(store: RunStore, base: Scenario, jobs: readonly PlannedJob[], seeds: readonly number[], options: ExperimentOptions, where: string): Promise<ExperimentResult> {
  const out = store.dir;
  const emit = options.onEvent ?? ignoreEvents;
  const backend = await selectBackend(options.backend ?? "auto");
  const backendChoice = lastBackendChoice();
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const replicated = base.seeds !== undefined;
  const rows: RunResults["rows"] = [];
  const models: unknown[] = [];
  const facts: Record<string, unknown>[] = [];
  const worlds: ExperimentResult["worlds"][number][] = [];
  let agentIds: readonly string[] = [];
  let disagreement: Disagreement | undefined;
  const compares = jobs.some((j) => j.baseline) && jobs.some((j) => !j.baseline);
  // The first seed's data are loaded before anything is replaced: bad data leave the directory as it was.
  let next: World | undefined = buildWorld({ ...base, seed: seeds[0] }, { seed: seeds[0], dataDir });
  try {
    // A method that cannot train these agents (IRW on policy-gradient agents) is refused before anything is replaced.
    for (const job of jobs) checkMethodRoutes(trainingMethods.require(job.method, "methods"), next.population, base.training.policyGradient);
    // The input is valid and the data are loaded: the previous run's files may now go.
    await store.begin();
    // One explicit seed per replication (Mesa's rule): data, agents, weights and batches all from it.
    for (const seed of seeds) {
      const scenario: Scenario = { ...base, seed };
      const world: World = next ?? buildWorld(scenario, { seed, dataDir });
      next = undefined;
      try {
        if (seed === seeds[0]) for (const [what, count] of Object.entries(world.quirks)) emit({ type: "data", what, count });
        facts.push({ seed, quirks: world.quirks, needSpreadW1: world.spread, trainRows: world.train.length, testRows: world.test.length, agents: world.series.agents });
        worlds.push({ seed, agents: world.series.agents, trainRows: world.train.length, testRows: world.test.length });
        agentIds = world.population.ids;
        await lastValueFrom(
          trainSeed(world, jobs, {
            scenario,
            each: async ({ job, trained, row, warmStartFrom }) => {
              const label = modelLabel(job.label, seed, replicated);
              if (compares && disagreement === undefined && job.baseline) {
                disagreement = await measureDisagreement(trained.snapshot ?? trained.model, world.series, world.train, world.population);
              }
              await saveModel(trained.model, join(out, "models", label), { objective: job.objective, scenario, seed, dataDir: dataDir ?? null });
              await store.wrote(modelFiles(label));
              models.push({
                label,
                seed,
                warmStartFrom,
                trainSeconds: trained.trainSeconds,
                lossPerEpoch: trained.lossPerEpoch,
                tensorsPerEpoch: trained.tensorsPerEpoch,
                secondsPerEpoch: trained.secondsPerEpoch,
              });
              rows.push({ row, agentMeanRegrets: trained.evaluation.agentMeanRegrets });
            },
          }).pipe(tap(emit)),
          { defaultValue: undefined },
        );
      } finally {
        world.dispose();
      }
    }
    // A single-seed run.json keeps its flat layout; a replicated one lists each seed's world.
    const { seed: _seed, ...world0 } = facts[0];
    const run: Record<string, unknown> = replicated
      ? { scenario: base, backend, backendChoice, dataDir: dataDir ?? null, seeds, worlds: facts, models }
      : { scenario: base, backend, backendChoice, dataDir: dataDir ?? null, ...world0, models };
    const results: RunResults = { rows, agentIds, run, replicated };
    await writeResults(out, results);
    await store.wrote(RESULT_FILES);
    await store.complete();
    return { ...results, out, backend, ...(backendChoice ? { backendChoice } : {}), seeds, jobs, worlds, disagreement };
  } catch (err) {
    await store.fail(err);
    throw outputWriteError(err, out, where);
  } finally {
    next?.dispose();
  }
}
