import * as tf from "@equitable/core/tf";
import { hostReads, type TrainingMethod, type TrainingObjective } from "@equitable/core";

/** Mean squared error of forecasts against truths (the Plain PM's loss). */
export function mseLoss(forecast: tf.Tensor, truth: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(forecast, truth));
}

/**
 * L^q (Eq. 2) of agents' mean regrets C̄ (length M): Σ_m C̄_m^(q+1), or in "norm" form the
 * (q+1)-norm over M. One custom op: value and gradient (p = q + 1; power: p·C̄_m^(p−1); norm:
 * (C̄_m/‖C̄‖_p)^(p−1)/M) in a float64 loop over the M means, where {@link equitableLossOfMeansOps}
 * takes about ten tfjs ops forward and fifteen backward at every training step.
 */
export function equitableLossOfMeans(agentMeans: tf.Tensor1D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
  // The op reads C̄ on the host: on a device backend (webgpu) its ops reference stays on the device.
  if (!hostReads(tf.getBackend())) return equitableLossOfMeansOps(agentMeans, qPlusOne, form);
  // The exponent as the ops path has it, a float32 (q+1 = 1 + 1e-16 is exactly 1 there).
  const p = Math.fround(qPlusOne);
  const op = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const c = (inputs[0] as tf.Tensor).dataSync();
    const m = c.length;
    const grad = new Float32Array(m);
    let value: number;
    if (form === "power") {
      value = 0;
      for (let j = 0; j < m; j++) {
        value += c[j] ** p;
        grad[j] = p * c[j] ** (p - 1);
      }
    } else {
      // ‖C̄‖_p = s·‖C̄/s‖_p with s = max C̄, so that the power does not underflow for large p.
      let s = 0;
      for (let j = 0; j < m; j++) if (c[j] > s) s = c[j];
      s += 1e-12;
      let sum = 0;
      for (let j = 0; j < m; j++) sum += (c[j] / s) ** p;
      const ratio = sum ** (1 / p); // ‖C̄‖_p / s
      value = (s * ratio) / m;
      // At C̄ = 0 the norm's gradient is 1/M per agent for p = 1 and 0 above (a subgradient).
      for (let j = 0; j < m; j++) grad[j] = ratio > 0 ? (c[j] / s / ratio) ** (p - 1) / m : p === 1 ? 1 / m : 0;
    }
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.tensor1d(grad)),
    };
  });
  return op(agentMeans) as tf.Scalar;
}

/** The same L^q as broadcast tfjs ops: the reference {@link equitableLossOfMeans} is checked against. */
export function equitableLossOfMeansOps(agentMeans: tf.Tensor1D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
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

/**
 * L^q (Eq. 2) with population weights: agent m stands for w_m agents, so Σ_m w_m·C̄_m^(q+1)
 * ("power"), or (Σ_m w_m·C̄_m^(q+1))^(1/(q+1)) / Σ_m w_m ("norm") — exactly L^q over w_m copies
 * of each agent, value and gradient (C̄ the agents' mean regrets; the exponent is q + 1). Tensor ops.
 */
export function weightedEquitableLossOfMeans(agentMeans: tf.Tensor1D, weights: tf.Tensor1D, qPlusOne: number, form: "power" | "norm"): tf.Scalar {
  return tf.tidy(() => {
    if (form === "power") return tf.sum(tf.mul(weights, tf.pow(agentMeans, qPlusOne)));
    // As in the unweighted norm: the scale s = max C̄ keeps the power from underflowing.
    const scale = tf.add(tf.max(agentMeans), 1e-12);
    const sum = tf.sum(tf.mul(weights, tf.pow(tf.div(agentMeans, scale), qPlusOne)));
    return tf.div(tf.mul(scale, tf.pow(sum, 1 / qPlusOne)), tf.sum(weights)) as tf.Scalar;
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
  populationWeights?: tf.Tensor1D,
): tf.Scalar {
  if (!method.usesRegrets) return mseLoss(forecast, truth);
  if (!method.tensorLoss) throw new TypeError(`objectiveLoss: method '${method.name}' has no tensorLoss (train it through the surrogate step)`);
  const r = regrets();
  if (populationWeights && !method.populationWeights) throw new TypeError(`objectiveLoss: method '${method.name}' does not take population weights`);
  const lq = tf.tidy(() => method.tensorLoss!(tf.mean(r, 0) as tf.Tensor1D, objective, populationWeights));
  const beta = method.mseWeight(objective);
  if (beta === 0) return lq;
  return tf.add(tf.mul(lq, 1 - beta), tf.mul(mseLoss(forecast, truth), beta));
}
