import * as tf from "@equitable/core/tf";
import type { TrainingMethod, TrainingObjective } from "@equitable/core";

/** Mean squared error of forecasts against truths (the Plain PM's loss). */
export function mseLoss(forecast: tf.Tensor, truth: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(forecast, truth));
}

/** L^q (Eq. 2) of agents' mean regrets C̄ (length M): Σ_m C̄_m^(q+1), or in "norm" form the (q+1)-norm over M. */
export function equitableLossOfMeans(agentMeans: tf.Tensor1D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
  return tf.tidy(() => {
    if (form === "power") return tf.sum(tf.pow(agentMeans, qPlusOne));
    // ‖C̄‖_p = s·‖C̄/s‖_p with s = max C̄ keeps the power from underflowing for large p; the
    // identity holds for any s, so the total gradient through s is zero and nothing changes.
    const scale = tf.add(tf.max(agentMeans), 1e-12);
    const normalised = tf.div(agentMeans, scale);
    const norm = tf.mul(scale, tf.pow(tf.sum(tf.pow(normalised, qPlusOne)), 1 / qPlusOne));
    return tf.div(norm, agentMeans.shape[0]) as tf.Scalar;
  });
}

/** The Equitable Objective L^q (Eq. 2) on a batch of regrets (B×M): agents' mean regrets over the batch, then {@link equitableLossOfMeans}. */
export function equitableLoss(regrets: tf.Tensor2D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
  return tf.tidy(() => equitableLossOfMeans(tf.mean(regrets, 0) as tf.Tensor1D, qPlusOne, form));
}

/**
 * A method's training loss on one batch, as tfjs ops: MSE for an MSE-only method, else
 * (1 − β)·L + β·MSE (Appendix A.5) with L the method's `tensorLoss` of agents' mean regrets.
 * `regrets` is only called when the method needs it.
 */
export function objectiveLoss<O extends TrainingObjective>(
  method: TrainingMethod<O>,
  objective: O,
  forecast: tf.Tensor2D,
  truth: tf.Tensor2D,
  regrets: () => tf.Tensor2D,
): tf.Scalar {
  if (!method.usesRegrets) return mseLoss(forecast, truth);
  if (!method.tensorLoss) throw new TypeError(`objectiveLoss: method '${method.name}' has no tensorLoss (train it through the surrogate step)`);
  const r = regrets();
  const lq = tf.tidy(() => method.tensorLoss!(tf.mean(r, 0) as tf.Tensor1D, objective));
  const beta = method.mseWeight(objective);
  if (beta === 0) return lq;
  return tf.add(tf.mul(lq, 1 - beta), tf.mul(mseLoss(forecast, truth), beta));
}
