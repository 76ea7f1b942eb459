import { join, resolve } from "node:path";
import { lastValueFrom, tap } from "rxjs";
import { InputError, type TrainingObjective } from "@equitable/core";
import { requireHostBackend } from "./host-backend.js";
import { selectBackend, type BackendName, type TrainableModel } from "@equitable/model";
import { buildResponse, buildWorld, type Scenario, type World } from "@equitable/scenario";
import { hourlySignal } from "@equitable/simulator";
// rounds.csv's one writer, beside its one reader (the report's).
import { formatRoundRows, ROUNDS_FILE } from "@equitable/report/rounds";
import { simulateClosedLoop, type LoopResult, type RoundRow } from "./closed-loop-deployment.js";
import { ignoreEvents, type EventSink } from "./events.js";
import { planJobs } from "./plan-jobs.js";
import { seedsOf } from "./run-experiment.js";
import { outputWriteError } from "./store/probe-dir.js";
import { writeFileAtomic } from "./store/atomic-write.js";
import { RunStore } from "./store/run-store.js";
import { trainSeed } from "./train-seed.js";

/** The files a closed-loop simulation writes, in its order (simulate.json last: its presence means it completed). */
export const LOOP_FILES = [ROUNDS_FILE, "simulate.json"] as const;

/** One model of one seed in one loop (open or closed), round by round. */
export interface LoopRow {
  /** "<model> open loop" or "<model> closed loop". */
  readonly deployment: string;
  readonly model: string;
  readonly seed: number;
  readonly result: LoopResult;
}

/** Progress of a closed-loop simulation, for a caller to draw. */
export type LoopEvent =
  | { readonly type: "loop-start"; readonly name: string; readonly rounds: number }
  | { readonly type: "loop-round"; readonly name: string; readonly row: RoundRow }
  | { readonly type: "loop-end"; readonly name: string; readonly wallSeconds: number; readonly stableFrom: number | null };

/** How {@link simulateLoops} runs. */
export interface LoopOptions {
  /** Rounds (default: one per window when `retrainEvery` is given, else 10). */
  readonly rounds?: number;
  /** Hours per round: rounds walk the test period in windows of this length (and wrap); default: every round replays the whole test period. */
  readonly retrainEvery?: number;
  /** Epochs of each retrain (default 2). */
  readonly retrainEpochs?: number;
  /** Learning rate of every retrain (Plain and Equitable alike; default: the scenario's). A fresh Adam steps ~lr per weight even at a minimiser, so a loop can only settle below its own step. */
  readonly retrainLearningRate?: number;
  /** RMS forecast change (signal units) below which the loop counts as stable (default 0.05). */
  readonly tolerance?: number;
  readonly out?: string;
  readonly where?: string;
  readonly force?: boolean;
  readonly dataDir?: string;
  readonly backend?: BackendName | "auto";
  /** Training progress (the models trained before the loop). */
  readonly onEvent?: EventSink;
  /** Loop progress. */
  readonly onLoop?: (e: LoopEvent) => void;
}

/** A finished closed-loop simulation. */
export interface LoopsResult {
  readonly out: string;
  readonly backend: string;
  readonly seeds: readonly number[];
  readonly rows: readonly LoopRow[];
  readonly agentIds: readonly string[];
}

/**
 * The closed loop as an experiment (docs/closed-loop.md): per seed, trains the scenario's models as
 * `run` does, then plays each in the open loop (history's signal) and in the closed loop (the
 * scenario's `feedback` moves the signal with the agents' load), `rounds` rounds of deploy → act →
 * realise → retrain on the round's realised rows → redeploy. Writes rounds.csv and simulate.json
 * into a {@link RunStore}.
 */
export async function simulateLoops(scenario: Scenario, options: LoopOptions = {}): Promise<LoopsResult> {
  // A backend named up front is refused before it starts (Dawn prints its own warnings as it does).
  if (options.backend === "webgpu") requireHostBackend(options.backend, "simulate with feedback");
  if (!scenario.feedback) throw new InputError("feedback", `scenario '${scenario.name}' has no \`feedback\` (a response model): the closed loop needs one, e.g. { "model": "merit-order" }`);
  const where = options.where ?? "output directory";
  if (options.out !== undefined && options.out.trim() === "") throw new InputError(where, "is empty: name the output directory");
  const out = resolve(options.out ?? join("runs", `${scenario.name}-loop`));
  const seeds = seedsOf(scenario);
  const onLoop = options.onLoop ?? (() => {});
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  // Bad feedback is refused before anything is trained or written: the first seed's world and response are built first.
  let next: World | undefined = buildWorld({ ...scenario, seed: seeds[0] }, { seed: seeds[0], dataDir });
  try {
    buildResponse(scenario, hourlySignal(next.series), dataDir);
  } catch (err) {
    next.dispose();
    throw err;
  }
  const store = await RunStore.open(out, { where, force: options.force === true, planned: [...LOOP_FILES] }).catch((err) => {
    next?.dispose();
    throw err;
  });
  try {
    const backend = await selectBackend(options.backend ?? "auto");
    requireHostBackend(backend, "simulate with feedback");
    const rows: LoopRow[] = [];
    let ids: readonly string[] = [];
    const started = performance.now();
    let rounds = 0;
    try {
      await store.begin();
      for (const seed of seeds) {
        const world = next ?? buildWorld({ ...scenario, seed }, { seed, dataDir });
        next = undefined;
        ids = world.population.ids;
        try {
          const response = buildResponse({ ...scenario, seed }, hourlySignal(world.series), dataDir);
          const n = world.test.length;
          rounds = options.rounds ?? (options.retrainEvery !== undefined ? Math.ceil(n / options.retrainEvery) : 10);
          const play = async (label: string, objective: TrainingObjective, model: TrainableModel): Promise<void> => {
            for (const closed of [false, true]) {
              const name = `${label} ${closed ? "closed" : "open"} loop`;
              onLoop({ type: "loop-start", name, rounds });
              const result = await simulateClosedLoop({
                scenario: { ...scenario, seed }, world, rows: world.test, model, label, objective, seed,
                response: closed ? response : undefined,
                loop: {
                  rounds, every: options.retrainEvery, epochs: options.retrainEpochs ?? 2, tolerance: options.tolerance,
                  training: options.retrainLearningRate === undefined ? undefined : { learningRate: options.retrainLearningRate, equitableLearningRate: options.retrainLearningRate },
                },
                onRound: (row) => onLoop({ type: "loop-round", name, row }),
              });
              onLoop({ type: "loop-end", name, wallSeconds: result.wallSeconds, stableFrom: result.stableFrom });
              rows.push({ deployment: name, model: label, seed, result });
            }
          };
          const seeded = { ...scenario, seed };
          await lastValueFrom(
            trainSeed(world, planJobs(seeded), { scenario: seeded, each: ({ job, trained }) => play(job.label, job.objective, trained.model) })
              .pipe(tap(options.onEvent ?? ignoreEvents)),
            { defaultValue: undefined },
          );
        } finally {
          world.dispose();
        }
      }
      await writeFileAtomic(join(out, ROUNDS_FILE), formatRoundRows(rows.flatMap((r) => r.result.rounds.map((x) => ({
        deployment: r.deployment, seed: r.seed, round: x.round, hour: x.hour, version: x.version, distance: x.distance ?? Number.NaN,
        forecastMean: x.forecastMean, signalMean: x.signalMean, baselineMean: x.baselineMean, load: x.load, herding: x.herding,
        variance: x.variance, mean: x.mean, worst: x.worst, worstAgent: x.worstAgent,
      })))));
      const summary = {
        scenario: scenario.name, backend, seeds, feedback: scenario.feedback, rounds, retrainEvery: options.retrainEvery ?? null,
        retrainEpochs: options.retrainEpochs ?? 2, retrainLearningRate: options.retrainLearningRate ?? null, tolerance: options.tolerance ?? 0.05, wallSeconds: (performance.now() - started) / 1000,
        loops: rows.map((r) => {
          const last = r.result.rounds[r.result.rounds.length - 1];
          return {
            deployment: r.deployment, model: r.model, seed: r.seed, feedback: r.result.feedback, stableFrom: r.result.stableFrom, tolerance: r.result.tolerance,
            wallSeconds: r.result.wallSeconds, last: { variance: last.variance, worst: last.worst, worstAgent: last.worstAgent, mean: last.mean, herding: last.herding, forecastMean: last.forecastMean, signalMean: last.signalMean },
          };
        }),
      };
      await writeFileAtomic(join(out, "simulate.json"), `${JSON.stringify(summary, null, 2)}\n`);
      await store.wrote(LOOP_FILES);
      await store.complete();
      return { out, backend, seeds, rows, agentIds: ids };
    } catch (err) {
      await store.fail(err);
      throw outputWriteError(err, out, where);
    } finally {
      next?.dispose();
    }
  } finally {
    await store.release();
  }
}
