import { lastValueFrom, tap } from "rxjs";
import { createRandom, trainingMethods } from "@equitable/core";
import { createModel, type TrainableModel } from "@equitable/model";
import { evaluatePublicModel, trainPublicModel, type Evaluation } from "@equitable/trainer";
import { modelSpecOf, type Scenario, type World } from "@equitable/scenario";
import type { PlannedJob } from "./plan-jobs.js";
import { ignoreEvents, type EventSink } from "./events.js";

/** A trained model with its test-split evaluation. */
export interface TrainedJob {
  model: TrainableModel;
  evaluation: Evaluation;
  trainSeconds: number;
  /** numTensors after each epoch (flat when nothing leaks). */
  tensorsPerEpoch: number[];
  /** Mean training loss of each epoch. */
  lossPerEpoch: number[];
  /** Wall seconds of each epoch (what `pnpm bench` compares per epoch). */
  secondsPerEpoch: number[];
  /** The model as it was after `snapshotAfter` epochs, when asked for (what warm starts begin from). */
  snapshot?: TrainableModel;
}

/**
 * Trains one job and evaluates it on the test split. Every job of a run starts from the
 * same initial weights (seeded by the run's seed), and every Equitable PM of a run sees the
 * same batch order and policy-gradient draws (common random numbers), so rows differ only by
 * their objective.
 */
export async function trainJob(
  scenario: Scenario,
  world: World,
  job: Pick<PlannedJob, "objective" | "label"> & Partial<Pick<PlannedJob, "forks">>,
  seed: number,
  emit: EventSink = ignoreEvents,
  warmStart?: TrainableModel,
  /** Train for `epochs` instead of the scenario's, keeping a copy of the weights after `snapshotAfter` of them; `fineTune`: a Plain PM fine-tuning itself (at equitableLearningRate). */
  budget?: { readonly epochs: number; readonly snapshotAfter?: number; readonly fineTune?: boolean },
): Promise<TrainedJob> {
  const root = createRandom(seed);
  const model = createModel(modelSpecOf(scenario), root.fork(job.forks?.init ?? "init"));
  if (warmStart) model.variables.forEach((v, k) => v.assign(warmStart.variables[k]));
  const t = { ...scenario.training, epochs: budget?.epochs ?? scenario.training.epochs };
  let snapshot: TrainableModel | undefined;
  // Every regret-based method (not only Equitable PM) fine-tunes at equitableLearningRate.
  const usesRegrets = trainingMethods.require(job.objective.method, "methods").usesRegrets;
  // A Plain PM fine-tuning itself (plainBudget "fine-tune") does so on the fine-tunes' schedule.
  const learningRate = usesRegrets || budget?.fineTune ? (t.equitableLearningRate ?? t.learningRate) : t.learningRate;
  const steps = Math.ceil(world.train.length / t.batchSize) * t.epochs;
  emit({ type: "job-start", label: job.label, steps });
  const tensorsPerEpoch: number[] = [];
  const lossPerEpoch: number[] = [];
  const secondsPerEpoch: number[] = [];
  let lastLoss = Number.NaN;
  const started = performance.now();
  try {
    await lastValueFrom(
      trainPublicModel({
        model,
        series: world.series,
        rows: world.train,
        population: world.population,
        objective: job.objective,
        options: { ...t, learningRate },
        rng: root.fork(`${job.forks?.shuffle ?? `shuffle/${job.objective.method}`}${budget?.fineTune ? "/fine-tune" : ""}`),
        policyGradient: t.policyGradient,
        ...(world.agentWeights ? { agentWeights: world.agentWeights } : {}),
      }).pipe(
        tap((e) => {
          emit({ type: "training", label: job.label, event: e });
          if (e.type === "epoch") {
            // The trainer emits an epoch's event before its next step, so this copy is that epoch's end.
            if (budget?.snapshotAfter !== undefined && e.epoch === budget.snapshotAfter - 1) {
              snapshot = createModel(modelSpecOf(scenario), root.fork(job.forks?.init ?? "init"));
              snapshot.variables.forEach((v, k) => v.assign(model.variables[k]));
            }
            tensorsPerEpoch.push(e.numTensors);
            lossPerEpoch.push(e.loss);
            secondsPerEpoch.push(e.seconds);
            lastLoss = e.loss;
          }
        }),
      ),
      { defaultValue: undefined },
    );
  } catch (err) {
    model.dispose();
    snapshot?.dispose();
    throw err;
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const evaluation = await evaluatePublicModel(model, world.series, world.test, world.population, { protocol: scenario.evaluation, alpha: scenario.alpha });
  emit({ type: "job-trained", label: job.label, epochs: t.epochs, trainSeconds, lastLoss });
  
  return { model, evaluation, trainSeconds, tensorsPerEpoch, lossPerEpoch, secondsPerEpoch, snapshot };
}
