// Test-only agents with closed-form per-sample gradients, and a linear public model that is its own head.
import * as tf from "@equitable/core/tf";
import type { DifferentiablePopulation } from "@equitable/core";
import type { TrainableModel } from "@equitable/model";

/**
 * M agents, ξ = (a, b) per agent and tick: C_{i,m} = a + ½·b·(ŷ_i − y_i)² (horizon 1), so
 * ∂C/∂ŷ = b·(ŷ − y): with b = 0 a large a is a large loss with a zero gradient.
 */
export function quadraticPopulation(agents: number): DifferentiablePopulation {
  const regrets = (f: ArrayLike<number>, y: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array => {
    const out = new Float64Array(batch * agents);
    for (let i = 0; i < batch; i++) {
      for (let j = 0; j < agents; j++) {
        const a = xi[(i * agents + j) * 2];
        const b = xi[(i * agents + j) * 2 + 1];
        out[i * agents + j] = a + 0.5 * b * (f[i] - y[i]) ** 2;
      }
    }
    return out;
  };
  return {
    kind: "quadratic",
    ids: Array.from({ length: agents }, (_, j) => `q${j}`),
    xiWidth: 2,
    differentiable: true,
    regrets,
    regretsTensor: (forecast, truth, xi) => tf.tidy(() => {
      const batch = forecast.shape[0];
      const pairs = tf.reshape(xi, [batch, agents, 2]);
      const a = tf.reshape(tf.slice(pairs, [0, 0, 0], [batch, agents, 1]), [batch, agents]);
      const b = tf.reshape(tf.slice(pairs, [0, 0, 1], [batch, agents, 1]), [batch, agents]);
      return tf.add(a, tf.mul(tf.mul(b, 0.5), tf.square(tf.sub(forecast, truth)))) as tf.Tensor2D;
    }),
  };
}

/** ŷ = x·w + c, horizon 1: its last layer is the whole model, so both gradient scopes see the same parameters. */
export function linearModel(w: readonly number[], c: number): TrainableModel {
  const window = w.length;
  const weight = tf.variable(tf.tensor2d([...w], [window, 1]), true, `lin/w-${Math.random()}`);
  const bias = tf.variable(tf.tensor1d([c]), true, `lin/b-${Math.random()}`);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(x, weight), bias) as tf.Tensor2D;
  return {
    kind: "linear",
    window,
    horizon: 1,
    spec: { kind: "mlp", window, horizon: 1, hidden: 1 },
    variables: [weight, bias],
    forward,
    head: { features: (x) => x, weight, bias, activation: (z) => z },
    predict: (x, batch) => tf.tidy(() => forward(tf.tensor2d(x, [batch, window])).dataSync() as Float32Array),
    dispose: () => {
      weight.dispose();
      bias.dispose();
    },
  };
}
