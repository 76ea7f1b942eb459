import * as tf from "@tensorflow/tfjs";
import type { TrainingObjective } from "./objective.js";

/** Mean squared error of forecasts against truths (the Plain PM's loss). */
export function mseLoss(forecast: tf.Tensor, truth: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(forecast, truth));
}

/**
 * The Equitable Objective L^q (Eq. 2) on a batch of regrets (B×M): agents' mean regrets
 * C̄_m over the batch raised to q + 1 and summed, or in "norm" form the (q+1)-norm over M.
 */
export function equitableLoss(regrets: tf.Tensor2D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
  return tf.tidy(() => {
    const agentMeans = tf.mean(regrets, 0);
    if (form === "power") return tf.sum(tf.pow(agentMeans, qPlusOne));
    // ‖C̄‖_p = s·‖C̄/s‖_p with s = max C̄ keeps the power from underflowing for large p; the
    // identity holds for any s, so the total gradient through s is zero and nothing changes.
    const scale = tf.add(tf.max(agentMeans), 1e-12);
    const normalised = tf.div(agentMeans, scale);
    const norm = tf.mul(scale, tf.pow(tf.sum(tf.pow(normalised, qPlusOne)), 1 / qPlusOne));
    return tf.div(norm, agentMeans.shape[0]) as tf.Scalar;
  });
}

/**
 * The training loss of an objective on one batch: MSE for Plain PM, (1 − β)·L^q + β·MSE for
 * Equitable PM (Appendix A.5). `regrets` is only called when the objective needs it.
 */
export function objectiveLoss(
  objective: TrainingObjective,
  forecast: tf.Tensor2D,
  truth: tf.Tensor2D,
  regrets: () => tf.Tensor2D,
): tf.Scalar {
  if (objective.method === "plain") return mseLoss(forecast, truth);
  const { q, beta, form } = objective;
  const lq = equitableLoss(regrets(), q + 1, form);
  if (beta === 0) return lq;
  return tf.add(tf.mul(lq, 1 - beta), tf.mul(mseLoss(forecast, truth), beta));
}
