import { Observable } from "rxjs";
import type { TrainableModel } from "@equitable/model";
import type { Scenario, World } from "@equitable/scenario";
import type { ExperimentEvent } from "./events.js";
import type { PlannedJob } from "./plan-jobs.js";
import { resultRow, type ResultRow } from "./result-row.js";
import { trainJob, type TrainedJob } from "./train-job.js";

/** One trained job of a seed, handed to the caller before its model is disposed. */
export interface TrainedSeedJob {
  readonly job: PlannedJob;
  readonly trained: TrainedJob;
  readonly row: ResultRow;
  /** The baseline's label when the model fine-tuned from it (training.warmStart), else null. */
  readonly warmStartFrom: string | null;
}

/** A seed's baseline trained earlier, and a way to keep the one trained now (a sweep worker's cache). */
export interface PlainReuse {
  /** The warm-start baseline to fine-tune from (the weights a baseline job of this seed would hand on); it stays the caller's. */
  readonly from?: TrainableModel;
  /** Called with the warm-start baseline once trained, before the fine-tunes (copy it: it is disposed afterwards). */
  keep?(model: TrainableModel): void;
}

/** What {@link trainSeed} needs beside the world and its jobs. */
export interface TrainSeedOptions {
  /** The scenario of the world (its `seed` is the seed trained). */
  readonly scenario: Scenario;
  /** Called with every trained job and awaited before its model is disposed (save it, deploy it). */
  readonly each?: (done: TrainedSeedJob) => Promise<void>;
  readonly reuse?: PlainReuse;
}

/**
 * Trains a seed's planned jobs in order on one world, as `run` does for each seed and a sweep does
 * for a cell, emitting progress and each job's result row. Under training.warmStart, regret-based
 * jobs fine-tune from the baseline trained before them (kept until the seed's jobs are done); with
 * plainBudget "equal" the baseline trains as many epochs in all as a fine-tuned model has seen, the
 * fine-tunes starting from its state half way; with "fine-tune" it fine-tunes itself on MSE as the
 * others do on their objectives. The stream completes once every job is done.
 */
export function trainSeed(world: World, jobs: readonly PlannedJob[], options: TrainSeedOptions): Observable<ExperimentEvent> {
  return new Observable<ExperimentEvent>((subscriber) => {
    const emit = (e: ExperimentEvent) => subscriber.next(e);
    trainSeedJobs(options.scenario, world, jobs, emit, options.each ?? (async () => {}), options.reuse ?? {}).then(
      () => subscriber.complete(),
      (err) => subscriber.error(err),
    );
  });
}

async function trainSeedJobs(
  scenario: Scenario,
  world: World,
  jobs: readonly PlannedJob[],
  emit: (e: ExperimentEvent) => void,
  each: (done: TrainedSeedJob) => Promise<void>,
  reuse: PlainReuse,
): Promise<void> {
  const seed = scenario.seed;
  const warmStart = scenario.training.warmStart;
  const epochs = scenario.training.epochs;
  let baselineModel: TrainableModel | undefined;
  // The caller's baseline is fine-tuned from, never disposed here.
  const given = warmStart ? reuse.from : undefined;
  try {
    for (const job of jobs) {
      const from = job.warmStartFrom !== null ? (baselineModel ?? given) : undefined;
      const isBaseline = warmStart && job.baseline;
      const equalBudget = isBaseline && scenario.training.plainBudget === "equal";
      const selfTunes = isBaseline && scenario.training.plainBudget === "fine-tune";
      let trained: TrainedJob;
      if (selfTunes) {
        // The warm start is the baseline after `epochs`; the row is that model fine-tuned on MSE as the others are on their objectives.
        const base = await trainJob(scenario, world, job, seed, emit);
        try {
          trained = await trainJob(scenario, world, job, seed, emit, base.model, { epochs, fineTune: true });
        } catch (err) {
          base.model.dispose();
          throw err;
        }
        trained = { ...trained, snapshot: base.model };
      } else {
        trained = await trainJob(scenario, world, job, seed, emit, from, equalBudget ? { epochs: 2 * epochs, snapshotAfter: epochs } : undefined);
      }
      const seen = equalBudget || selfTunes || from ? 2 * epochs : epochs;
      const row = resultRow(job, trained.evaluation, seed, seen);
      try {
        emit({ type: "result", seed, row });
        await each({ job, trained, row, warmStartFrom: from ? job.warmStartFrom : null });
      } finally {
        if (isBaseline) {
          baselineModel?.dispose();
          baselineModel = trained.snapshot ?? trained.model;
          if (trained.snapshot) trained.model.dispose();
          reuse.keep?.(baselineModel);
        } else trained.model.dispose();
      }
    }
  } finally {
    baselineModel?.dispose();
  }
}
