// Test-only helpers shared by the specs (not exported from the package).
import * as tf from "@equitable/core/tf";
import { beforeAll, beforeEach, describe } from "vitest";
import { selectBackend } from "./backend.js";

/** The backends every numeric spec runs on (tfjs-node cannot be installed offline). */
export const TEST_BACKENDS = ["cpu", "wasm"] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/**
 * tfjs-core's `describeWithFlags(ALL_ENVS, …)`: one suite per backend, with the backend
 * selected before the suite's first test and checked before each test.
 */
export function describeBackends(name: string, body: (backend: TestBackend) => void): void {
  describe.each(TEST_BACKENDS)(`${name} [%s]`, (backend) => {
    beforeAll(async () => {
      await selectBackend(backend);
    });
    beforeEach(() => {
      if (tf.getBackend() !== backend) throw new Error(`expected backend ${backend}, running on ${tf.getBackend()}`);
    });
    body(backend);
  });
}

/** Uniform floats in [lo, hi) from a small seeded generator (mulberry32). */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

/** The current values of the model's variables, promoted to float64, in variable order. */
export function readParams(variables: readonly tf.Variable[]): Float64Array[] {
  return variables.map((v) => Float64Array.from(v.dataSync()));
}

/** Overwrites every variable with seeded uniform values in [-scale, scale) (biases included). */
export function randomiseParams(variables: readonly tf.Variable[], seed: number, scale = 0.5): void {
  variables.forEach((v, k) => {
    tf.tidy(() => v.assign(tf.tensor(uniform(v.size, seed * 101 + k, -scale, scale), v.shape, "float32")));
  });
}

/** Largest |a − b| / max(|b|, floor) over two equal-length arrays. */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-3): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
    if (!(err <= worst)) worst = err; // NaN propagates as a failure
  }
  return worst;
}

/** Numerically stable float64 softplus log(1 + eˣ). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A float64 reference forward: parameters in variable order, B×window in, B×horizon out. */
export type ReferenceForward = (params: Float64Array[], x: ArrayLike<number>, batch: number) => Float64Array;

/** d mean(forward) / dθ by central differences on the float64 reference, for the listed parameters. */
export function finiteDifference(
  reference: ReferenceForward,
  params: Float64Array[],
  x: ArrayLike<number>,
  batch: number,
  which: { k: number; j: number }[],
  eps = 1e-6,
): Float64Array {
  const loss = () => {
    const y = reference(params, x, batch);
    let s = 0;
    for (const v of y) s += v;
    return s / y.length;
  };
  return Float64Array.from(which, ({ k, j }) => {
    const saved = params[k][j];
    params[k][j] = saved + eps;
    const up = loss();
    params[k][j] = saved - eps;
    const down = loss();
    params[k][j] = saved;
    return (up - down) / (2 * eps);
  });
}

/**
 * Gradient check of loss = mean(forward(x)): tfjs' variableGrads against central differences
 * of the float64 reference. `sample` picks that many random parameters; all of them when absent.
 * Returns, per variable, the largest |analytic − numeric| divided by that variable's largest
 * numeric gradient (so a wrong small-gradient block cannot hide behind a large one).
 */
export function gradientCheck(
  model: { variables: readonly tf.Variable[]; forward(x: tf.Tensor2D): tf.Tensor2D; window: number },
  reference: ReferenceForward,
  x: Float32Array,
  batch: number,
  sample?: { count: number; seed: number },
): { errors: Record<string, number>; checked: number } {
  const analytic = tf.tidy(() => {
    const xs = tf.tensor2d(x, [batch, model.window]);
    const { value, grads } = tf.variableGrads(() => tf.mean(model.forward(xs)) as tf.Scalar, [...model.variables]);
    value.dispose();
    return model.variables.map((v) => grads[v.name].dataSync().slice());
  });
  let which: { k: number; j: number }[] = [];
  model.variables.forEach((v, k) => {
    for (let j = 0; j < v.size; j++) which.push({ k, j });
  });
  if (sample) {
    const picks = uniform(sample.count, sample.seed, 0, 1);
    which = Array.from(picks, (u) => which[Math.floor(u * which.length)]);
  }
  const numeric = finiteDifference(reference, readParams(model.variables), x, batch, which);
  const scale = model.variables.map(() => 0);
  const worst = model.variables.map(() => 0);
  which.forEach(({ k, j }, i) => {
    scale[k] = Math.max(scale[k], Math.abs(numeric[i]));
    const err = Math.abs(analytic[k][j] - numeric[i]);
    if (!(err <= worst[k])) worst[k] = err;
  });
  const errors: Record<string, number> = {};
  model.variables.forEach((v, k) => {
    if (which.some((w) => w.k === k)) errors[v.name] = scale[k] > 0 ? worst[k] / scale[k] : worst[k];
  });
  return { errors, checked: which.length };
}
