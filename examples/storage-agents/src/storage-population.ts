import * as tf from "@equitable/core/tf";
import { agentIds, type DifferentiablePopulation } from "@equitable/core";

/**
 * Storage operators: operator m buys a_m = α·ŷ ahead of time and pays κ_m·(a_m − α·y)² for the
 * mismatch once y is known. Its optimum under the truth is α·y, so its regret is κ_m·α²·(ŷ − y)².
 * ξ per agent and tick: [α] (its share of the signal); κ_m is fixed per agent.
 */
export class StorageOperators implements DifferentiablePopulation {
  readonly kind = "storage";
  readonly differentiable = true;
  readonly xiWidth = 1;
  readonly ids: readonly string[];
  /** κ_m per agent. */
  readonly kappa: Float64Array;
  private kappaTensor: tf.Tensor1D | undefined;

  constructor(kappa: ArrayLike<number>, ids?: readonly string[]) {
    this.kappa = Float64Array.from(kappa);
    this.ids = agentIds("StorageOperators", "storage", this.kappa.length, ids);
  }

  /** B×M regrets in float64: the reference evaluation uses. */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.ids.length;
    const h = forecast.length / batch;
    const out = new Float64Array(batch * m);
    for (let b = 0; b < batch; b++) {
      // The first forecast step is the one operators buy on.
      const gap = forecast[b * h] - truth[b * h];
      for (let j = 0; j < m; j++) {
        const alpha = xi[b * m + j];
        out[b * m + j] = this.kappa[j] * alpha * alpha * gap * gap;
      }
    }
    return out;
  }

  /** The same regrets as one tfjs expression over all agents of the batch (the chain-rule route). */
  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D, xi: tf.Tensor2D): tf.Tensor2D {
    // Created once and kept (tf.keep): numTensors stays flat across epochs; `dispose` frees it.
    this.kappaTensor ??= tf.keep(tf.tensor1d(Float32Array.from(this.kappa)));
    const kappa = this.kappaTensor;
    return tf.tidy(() => {
      const gap = tf.sub(forecast.slice([0, 0], [-1, 1]), truth.slice([0, 0], [-1, 1])); // B×1, broadcast over agents
      return tf.mul(tf.mul(tf.square(xi), kappa), tf.square(gap)) as tf.Tensor2D;
    });
  }

  /** Frees the kept κ tensor. */
  dispose(): void {
    this.kappaTensor?.dispose();
    this.kappaTensor = undefined;
  }
}
