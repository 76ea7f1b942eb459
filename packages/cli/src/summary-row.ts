import { trainingMethods, type TrainingObjective } from "@equitable/core";
import type { Evaluation } from "@equitable/trainer";

/**
 * One row of summary.json. `q` is the paper's q in Σ_m C̄_m^(q+1) (Eq. 2), null for methods
 * without one (Plain PM); `qPlusOne` is the exponent itself, the number the paper's tables print.
 */
export interface SummaryRow {
  /** The registered method's name ("plain", "equitable", a plugin's). */
  method: string;
  /** The method's table label ("Plain PM"). */
  methodLabel: string;
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
  /** Mean regret of the worst-off ⌈α·M⌉ agents, α = `alpha`. */
  worstAlpha: number;
  /** The scenario's α behind `worstAlpha`. */
  alpha: number;
  jain: number;
  epochs: number;
}

/**
 * Builds the summary row of a trained and evaluated model; the method's own summary gives q, q+1 and β.
 * No timings: the same seed must give a byte-identical summary.json (run.json keeps trainSeconds).
 */
export function summaryRow(
  objective: TrainingObjective,
  evaluation: Evaluation,
  seed: number,
  epochs: number,
): SummaryRow {
  const method = trainingMethods.require(objective.method, "objective.method");
  const { q, qPlusOne, beta } = method.summary(objective);
  return {
    method: method.name,
    methodLabel: method.label,
    q,
    qPlusOne,
    beta,
    seed,
    variance: evaluation.variance,
    mean: evaluation.mean,
    c95MinusC5: evaluation.c95MinusC5,
    mse: evaluation.mse,
    hNorm: evaluation.hNorm,
    worst: evaluation.worst,
    worstAlpha: evaluation.worstAlpha,
    alpha: evaluation.alpha,
    jain: evaluation.jain,
    epochs,
  };
}
