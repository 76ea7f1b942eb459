import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm } from "./lstm.js";
import { LstmKernel } from "./lstm-kernel.js";
import { describeBackends, maxRelError, randomiseParams, uniform } from "./backends.spec-helper.js";

/** Forecasts and every gradient of Σ u·f(x) (u a fixed upstream) for one implementation. */
function run(impl: "kernel" | "ops", cfg: { window: number; hidden: number; horizon: number }, batch: number, seed: number) {
  const m = createLstm({ ...cfg, rng: createRandom(seed), implementation: impl });
  try {
    randomiseParams(m.variables, seed + 1);
    const x = uniform(batch * cfg.window, seed + 2, 0, 2);
    const u = uniform(batch * cfg.horizon, seed + 3);
    return tf.tidy(() => {
      const xt = tf.tensor2d(x, [batch, cfg.window]);
      const forecast = m.forward(xt).dataSync().slice();
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(m.forward(xt), tf.tensor2d(u, [batch, cfg.horizon]))), m.variables as tf.Variable[]);
      const dx = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(m.forward(xx as tf.Tensor2D), tf.tensor2d(u, [batch, cfg.horizon]))))(xt).dataSync().slice();
      return { forecast, dx, grads: m.variables.map((v) => grads[v.name].dataSync().slice()) };
    });
  } finally {
    m.dispose();
  }
}

/** max |a − b| over max |b|: gradients summed over batch and time have entries near cancellation, where an elementwise relative error means nothing. */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

// Tolerances: both are float32; the kernel's exp/tanh differ from tfjs's by ~1e-7 and its sums
// run in another order, so forecasts agree to ~1e-6 and gradients (12 steps back) to ~1e-5.
describeBackends("LSTM kernel against the tfjs-ops reference", () => {
  for (const [label, cfg, batch] of [
    ["the paper's data-centre size", { window: 12, hidden: 50, horizon: 1 }, 128],
    ["odd sizes (H not a multiple of 4, odd batch, 3 outputs)", { window: 5, hidden: 7, horizon: 3 }, 9],
    ["one row", { window: 3, hidden: 4, horizon: 2 }, 1],
  ] as const) {
    it(`gives the same forecasts and gradients (${label})`, () => {
      const a = run("kernel", cfg, batch, 20);
      const b = run("ops", cfg, batch, 20);
      expect(maxRelError(a.forecast, b.forecast)).toBeLessThan(1e-5);
      expect(scaledError(a.dx, b.dx)).toBeLessThan(1e-5);
      a.grads.forEach((g, k) => expect(scaledError(g, b.grads[k]), `variable ${k}`).toBeLessThan(1e-5));
    });
  }

  it("a backward after another forward (other batch size) still differentiates its own forward", () => {
    const cfg = { window: 6, hidden: 8, horizon: 1 };
    const m = createLstm({ ...cfg, rng: createRandom(3) });
    const ref = createLstm({ ...cfg, rng: createRandom(3), implementation: "ops" });
    try {
      const x = tf.tensor2d(uniform(4 * cfg.window, 4, 0, 2), [4, cfg.window]);
      const other = uniform(10 * cfg.window, 5, 0, 2);
      const grads = (model: typeof m) => tf.tidy(() => {
        const { grads: g } = tf.variableGrads(() => {
          const y = tf.sum(model.forward(x));
          model.predict(other, 10); // overwrites the kernel's activations
          return y as tf.Scalar;
        }, model.variables as tf.Variable[]);
        return model.variables.map((v) => g[v.name].dataSync().slice());
      });
      const a = grads(m);
      const b = grads(ref);
      a.forEach((g, k) => expect(scaledError(g, b[k]), `variable ${k}`).toBeLessThan(1e-5));
      x.dispose();
    } finally {
      m.dispose();
      ref.dispose();
    }
  });

  it("gives bit-identical results with and without its worker thread (batches split in two either way)", () => {
    const sizes = { batch: 77, window: 12, hidden: 50, outputs: 2 };
    const g = 200;
    const w = { wx: uniform(g, 1), wh: uniform(50 * g, 2, -0.3, 0.3), b: uniform(g, 3), wo: uniform(100, 4), bo: uniform(2, 5) };
    const x = uniform(77 * 12, 6, 0, 2);
    const dy = uniform(77 * 2, 7);
    const results = [true, false].map((threaded) => {
      const k = new LstmKernel(threaded);
      expect(k.threaded).toBe(threaded);
      const y = k.forward(sizes, x, w);
      return { y, ...k.backward(dy) };
    });
    for (const key of ["y", "dx", "wx", "wh", "b", "wo", "bo"] as const) expect(results[0][key], key).toEqual(results[1][key]);
  });

  it("leaks no tensors in a training step", () => {
    const m = createLstm({ window: 12, hidden: 50, horizon: 1, rng: createRandom(6) });
    try {
      const x = uniform(32 * 12, 7, 0, 2);
      const step = () => tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.mean(m.forward(tf.tensor2d(x, [32, 12]))), m.variables as tf.Variable[]);
        Object.values(grads).forEach((g) => g.dispose());
        return value;
      }).dispose();
      step();
      const before = tf.memory().numTensors;
      for (let k = 0; k < 3; k++) step();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      m.dispose();
    }
  });
});
