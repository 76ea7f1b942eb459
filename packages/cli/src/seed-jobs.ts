import { trainingMethods } from "@equitable/core";
import type { TrainableModel } from "@equitable/model";
import type { Scenario, World } from "@equitable/scenario";
import type { Job } from "./job.js";
import type { Progress } from "./progress.js";
import { summaryRow, type SummaryRow } from "./summary-row.js";
import { trainJob, type TrainedJob } from "./train-job.js";

/** One trained job of a seed, handed to the caller before its model is disposed. */
export interface TrainedSeedJob {
  readonly job: Job;
  readonly trained: TrainedJob;
  readonly row: SummaryRow;
  /** "plain" when the model fine-tuned from the seed's Plain PM (training.warmStart). */
  readonly warmStartFrom: "plain" | null;
}

/** A seed's Plain PM trained earlier, and a way to keep the one trained now (a sweep worker's cache). */
export interface PlainReuse {
  /** The warm-start Plain PM to fine-tune from (the weights a Plain job of this seed would hand on); it stays the caller's. */
  readonly from?: TrainableModel;
  /** Called with the warm-start Plain PM once trained, before the fine-tunes (copy it: it is disposed afterwards). */
  keep?(model: TrainableModel): void;
}

/**
 * Trains a seed's jobs in order on one world, as `run` does for each seed and a sweep does for a
 * cell: under training.warmStart, regret-based jobs fine-tune from the Plain PM trained before them
 * (kept until the seed's jobs are done), and with plainBudget "equal" Plain PM trains as many
 * epochs in all as a fine-tuned model has seen, the fine-tunes starting from its state half way.
 * `each` sees every trained job; its model is disposed when `each` returns.
 */
export async function trainSeedJobs(
  scenario: Scenario,
  world: World,
  jobs: readonly Job[],
  seed: number,
  progress: Progress,
  each: (done: TrainedSeedJob) => Promise<void>,
  reuse: PlainReuse = {},
): Promise<void> {
  const warmStart = scenario.training.warmStart;
  const epochs = scenario.training.epochs;
  let plainModel: TrainableModel | undefined;
  // The caller's Plain PM is fine-tuned from, never disposed here.
  const given = warmStart ? reuse.from : undefined;
  try {
    for (const job of jobs) {
      const fineTunes = warmStart && trainingMethods.require(job.objective.method, "methods").usesRegrets;
      const from = fineTunes ? (plainModel ?? given) : undefined;
      const isPlain = warmStart && job.objective.method === "plain";
      const equalBudget = isPlain && scenario.training.plainBudget === "equal";
      const selfTunes = isPlain && scenario.training.plainBudget === "fine-tune";
      let trained: TrainedJob;
      if (selfTunes) {
        // The warm start is Plain PM after `epochs`; the row is that model fine-tuned on MSE as the others are on their objectives.
        const base = await trainJob(scenario, world, job, seed, progress);
        try {
          trained = await trainJob(scenario, world, job, seed, progress, base.model, { epochs, fineTune: true });
        } catch (err) {
          base.model.dispose();
          throw err;
        }
        trained = { ...trained, snapshot: base.model };
      } else {
        trained = await trainJob(scenario, world, job, seed, progress, from, equalBudget ? { epochs: 2 * epochs, snapshotAfter: epochs } : undefined);
      }
      const seen = equalBudget || selfTunes || from ? 2 * epochs : epochs;
      try {
        await each({ job, trained, row: summaryRow(job.objective, trained.evaluation, seed, seen), warmStartFrom: from ? "plain" : null });
      } finally {
        if (warmStart && job.objective.method === "plain") {
          plainModel = trained.snapshot ?? trained.model;
          if (trained.snapshot) trained.model.dispose();
          reuse.keep?.(plainModel);
        } else trained.model.dispose();
      }
    }
  } finally {
    plainModel?.dispose();
  }
}
