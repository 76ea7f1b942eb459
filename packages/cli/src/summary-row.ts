import type { Evaluation, TrainingObjective } from "@equitable/trainer";

/**
 * One row of summary.json. `q` is the paper's q in Σ_m C̄_m^(q+1) (Eq. 2), null for Plain PM;
 * `qPlusOne` is the exponent itself, the number the paper's tables print.
 */
export interface SummaryRow {
  method: "plain" | "equitable";
  q: number | null;
  qPlusOne: number | null;
  beta: number | null;
  seed: number;
  variance: number;
  mean: number;
  c95MinusC5: number;
  mse: number;
  hNorm: number;
  worst: number;
  jain: number;
  epochs: number;
  trainSeconds: number;
}

/** Builds the summary row of a trained and evaluated model. */
export function summaryRow(
  objective: TrainingObjective,
  evaluation: Evaluation,
  seed: number,
  epochs: number,
  trainSeconds: number,
): SummaryRow {
  const eq = objective.method === "equitable";
  return {
    method: objective.method,
    q: eq ? objective.q : null,
    qPlusOne: eq ? objective.q + 1 : null,
    beta: eq ? objective.beta : null,
    seed,
    variance: evaluation.variance,
    mean: evaluation.mean,
    c95MinusC5: evaluation.c95MinusC5,
    mse: evaluation.mse,
    hNorm: evaluation.hNorm,
    worst: evaluation.worst,
    jain: evaluation.jain,
    epochs,
    trainSeconds,
  };
}
