import * as tf from "@equitable/core/tf";
import type { ModelSpec, TrainableModel } from "@equitable/core";

/**
 * A small public model on top of someone else's forecast: from the published vector f and the
 * persistence vector p (the latest outturns of the same times of day known at issue time), both
 * H steps, it outputs f + a⊙f + c⊙(p − f) + b, one scale a, blend c and offset b per step. All start
 * at 0, so an untrained layer is the published forecast itself and training only learns corrections.
 * Input rows are [f, p] (2H values), in the units the trainer sees (scaled by the caller).
 */
export class RecalibrationLayer implements TrainableModel {
  readonly kind = "recalibration";
  readonly window: number;
  readonly horizon: number;
  readonly spec: ModelSpec;
  readonly variables: readonly tf.Variable[];

  constructor(horizon: number) {
    this.horizon = horizon;
    this.window = 2 * horizon;
    this.spec = { kind: this.kind, window: this.window, horizon };
    // Unnamed: tfjs names each uniquely, so several layers (one per seed and method) coexist.
    this.variables = [0, 1, 2].map(() => {
      // tf.variable shares the initial tensor's data; disposing it leaves the variable intact and leaks nothing.
      const initial = tf.zeros([horizon]);
      try {
        return tf.variable(initial, true);
      } finally {
        initial.dispose();
      }
    });
  }

  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const [a, c, b] = this.variables;
      const f = tf.slice(x, [0, 0], [-1, this.horizon]);
      const p = tf.slice(x, [0, this.horizon], [-1, this.horizon]);
      return tf.add(tf.add(tf.add(f, tf.mul(f, a)), tf.mul(tf.sub(p, f), c)), b) as tf.Tensor2D;
    });
  }

  predict(x: Float32Array, batch: number): Float32Array {
    const out = tf.tidy(() => this.forward(tf.tensor2d(x, [batch, this.window])));
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
