import * as tf from "@equitable/core/tf";
import type { AgentPopulation } from "@equitable/core";
import { isDifferentiable, type DifferentiablePopulation } from "@equitable/core";
import type { DrawnBatch } from "./draw-batch.js";
import type { Verdict } from "./float-checks.js";

/** A population that says it is differentiable implements regretsTensor (the chain-rule route needs it). */
export function checkDifferentiableApi(p: AgentPopulation): Verdict {
  return isDifferentiable(p) ? undefined : "differentiable is true but regretsTensor is missing: the trainer would refuse it";
}

function tensorsOf(p: DifferentiablePopulation, d: DrawnBatch, horizon: number) {
  const m = p.ids.length;
  return {
    // tfjs holds float32; the float64 reference sees the same inputs unrounded.
    forecast: tf.tensor2d(Float32Array.from(d.forecast), [d.batch, horizon]),
    truth: tf.tensor2d(Float32Array.from(d.truth), [d.batch, horizon]),
    xi: tf.tensor2d(Float32Array.from(d.xi), [d.batch, m * p.xiWidth]),
  };
}

/** regretsTensor computes the same regrets as the float64 reference, within float32 rounding. */
export function checkTensorMatchesFloat(p: DifferentiablePopulation, d: DrawnBatch, out: Float64Array, horizon: number, tolerance: number): Verdict {
  const values = tf.tidy(() => {
    const t = tensorsOf(p, d, horizon);
    return p.regretsTensor(t.forecast, t.truth, t.xi).dataSync().slice();
  });
  if (values.length !== out.length) return `regretsTensor gave ${values.length} values, regrets ${out.length}`;
  const m = p.ids.length;
  const i = out.findIndex((v, k) => !(Math.abs(values[k] - v) <= tolerance * (1 + Math.abs(v))));
  return i < 0 ? undefined : `sample ${Math.floor(i / m)}, agent ${p.ids[i % m]}: regretsTensor ${values[i]}, regrets ${out[i]}`;
}

/**
 * The chain rule sees the right slope: ∂/∂ŷ Σ W⊙C from tf.grad matches central finite differences
 * of the float64 regrets, for random weights W (PyEPO's finite-difference test for every loss).
 */
export function checkGradient(p: DifferentiablePopulation, d: DrawnBatch, weights: Float64Array, horizon: number, tolerance: number): Verdict {
  let analytic: Float32Array;
  try {
    analytic = tf.tidy(() => {
      const t = tensorsOf(p, d, horizon);
      const w = tf.tensor2d(Float32Array.from(weights), [d.batch, p.ids.length]);
      const g = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(w, p.regretsTensor(f as tf.Tensor2D, t.truth, t.xi))));
      return g(t.forecast).dataSync() as Float32Array;
    });
  } catch (err) {
    return `tf.grad cannot reach the forecast through regretsTensor (${(err as Error).message})`;
  }
  const loss = (forecast: Float64Array) => {
    const c = p.regrets(forecast, d.truth, d.xi, d.batch);
    let s = 0;
    for (let i = 0; i < c.length; i++) s += weights[i] * c[i];
    return s;
  };
  let scale = 0;
  const numeric = new Float64Array(d.forecast.length);
  const left = new Float64Array(d.forecast.length);
  const right = new Float64Array(d.forecast.length);
  const at = loss(d.forecast);
  for (let k = 0; k < numeric.length; k++) {
    const h = 1e-5 * (1 + Math.abs(d.forecast[k]));
    const up = d.forecast.slice();
    const down = d.forecast.slice();
    up[k] += h;
    down[k] -= h;
    const lUp = loss(up);
    const lDown = loss(down);
    numeric[k] = (lUp - lDown) / (2 * h);
    left[k] = (at - lDown) / h;
    right[k] = (lUp - at) / h;
    scale = Math.max(scale, Math.abs(numeric[k]));
  }
  // Float32 gradients carry absolute error relative to the largest slope in the batch.
  const slack = (v: number) => tolerance * (Math.abs(v) + 0.1 * scale + 1e-6);
  // At a kink (pinball and hinge costs at ŷ = y) the one-sided slopes differ and any subgradient
  // between them is what autodiff may rightly return.
  const between = (g: number, i: number) =>
    Math.abs(right[i] - left[i]) > slack(numeric[i]) && g >= Math.min(left[i], right[i]) - slack(numeric[i]) && g <= Math.max(left[i], right[i]) + slack(numeric[i]);
  const k = numeric.findIndex((v, i) => !(Math.abs(analytic[i] - v) <= slack(v) || between(analytic[i], i)));
  return k < 0
    ? undefined
    : `sample ${Math.floor(k / horizon)}, step ${k % horizon}: ∂/∂ŷ is ${analytic[k]} by tf.grad, ${numeric[k]} by finite differences`;
}

/** regretsTensor keeps nothing on the backend once its result is disposed (after a first, warming call). */
export function checkNoTensorLeak(p: DifferentiablePopulation, d: DrawnBatch, horizon: number): Verdict {
  const call = () => {
    const t = tensorsOf(p, d, horizon);
    const r = p.regretsTensor(t.forecast, t.truth, t.xi);
    tf.dispose([r, t.forecast, t.truth, t.xi]);
  };
  call(); // a population may allocate constants lazily, once
  const before = tf.memory().numTensors;
  call();
  call();
  const after = tf.memory().numTensors;
  return after === before ? undefined : `regretsTensor left ${after - before} tensors behind over two calls (outside tf.tidy)`;
}
