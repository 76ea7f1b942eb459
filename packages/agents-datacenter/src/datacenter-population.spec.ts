import { createRandom, type Random } from "@equitable/core";
import * as tf from "@equitable/core/tf";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { datacenterRegret } from "./datacenter-regret.js";
import { DatacenterPopulation } from "./datacenter-population.js";
import { lambdasFor } from "./lambdas-for.js";

function uniform(rng: Random, n: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.next());
}

/** Reference: per-agent datacenterRegret on the mean of each row's steps. */
function reference(lambdas: Float64Array, f: Float64Array, y: Float64Array, xi: Float64Array, batch: number): Float64Array {
  const m = lambdas.length;
  const h = f.length / batch;
  const out = new Float64Array(batch * m);
  for (let b = 0; b < batch; b++) {
    let fc = 0;
    let tc = 0;
    for (let k = 0; k < h; k++) {
      fc += f[b * h + k] / h;
      tc += y[b * h + k] / h;
    }
    for (let j = 0; j < m; j++) out[b * m + j] = datacenterRegret(fc, tc, xi[b * m + j], lambdas[j]);
  }
  return out;
}

describe("DatacenterPopulation float64 route (Eq. 12)", () => {
  it("is an AgentPopulation of kind datacenter, differentiable", () => {
    const pop = new DatacenterPopulation({ lambdas: [2, 4, 6] });
    expect(pop.kind).toBe("datacenter");
    expect(pop.differentiable).toBe(true);
    expect(pop.ids).toEqual(["datacenter-0", "datacenter-1", "datacenter-2"]);
    expect(new DatacenterPopulation({ lambdas: [1], ids: ["a"] }).ids).toEqual(["a"]);
    expect(() => new DatacenterPopulation({ lambdas: [1, 0] })).toThrow(/λ/);
    expect(() => new DatacenterPopulation({ lambdas: [] })).toThrow(RangeError);
    expect(() => new DatacenterPopulation({ lambdas: [1, 2], ids: ["a"] })).toThrow(RangeError);
  });

  it("matches per-agent datacenterRegret, horizon 1 and 3, including floored values", () => {
    const rng = createRandom("pop-f64");
    for (const h of [1, 3]) {
      const batch = 17;
      const lambdas = lambdasFor("different", 50);
      const pop = new DatacenterPopulation({ lambdas });
      const f = uniform(rng, batch * h, -1, 10);
      const y = uniform(rng, batch * h, -1, 10);
      const xi = uniform(rng, batch * 50, -1, 10);
      const got = pop.regrets(f, y, Float32Array.from(xi), batch);
      const want = reference(lambdas, f, y, Float64Array.from(Float32Array.from(xi)), batch);
      expect(got.length).toBe(batch * 50);
      for (let i = 0; i < got.length; i++) {
        expect(got[i]).toBeGreaterThanOrEqual(0);
        expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-12 * (1 + want[i]));
      }
    }
  });

  it("checks shapes", () => {
    const pop = new DatacenterPopulation({ lambdas: [2, 2] });
    expect(pop.regrets([], [], [], 0).length).toBe(0);
    expect(() => pop.regrets([1, 2, 3], [1, 2, 3], [1, 1, 1, 1], 2)).toThrow(RangeError);
    expect(() => pop.regrets([1, 2], [1], [1, 1, 1, 1], 2)).toThrow(RangeError);
    expect(() => pop.regrets([1, 2], [1, 2], [1, 1, 1], 2)).toThrow(RangeError);
  });
});

describe("DatacenterPopulation tfjs route (Eq. 12)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
    await tf.ready();
  });

  it("matches the float64 route on random batches to ~1e-4 relative", () => {
    const rng = createRandom("pop-tensor");
    for (const [batch, h, setting] of [[128, 1, "different"], [33, 1, "same"], [20, 4, "different"]] as const) {
      const m = 50;
      const lambdas = lambdasFor(setting, m);
      const pop = new DatacenterPopulation({ lambdas });
      const f = Float32Array.from(uniform(rng, batch * h, -0.5, 10));
      const y = Float32Array.from(uniform(rng, batch * h, -0.5, 10));
      const xi = Float32Array.from(uniform(rng, batch * m, -0.5, 10));
      const want = pop.regrets(f, y, xi, batch);
      const got = tf.tidy(() =>
        pop.regretsTensor(tf.tensor2d(f, [batch, h]), tf.tensor2d(y, [batch, h]), tf.tensor2d(xi, [batch, m])).dataSync(),
      );
      expect(got.length).toBe(batch * m);
      for (let i = 0; i < got.length; i++) {
        const scale = Math.sqrt(lambdas[i % m] * Math.max(xi[i], 0.01));
        expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-4 * want[i] + 1e-6 * scale);
      }
      pop.dispose();
    }
  });

  it("its gradient w.r.t. the forecast matches central differences of the float64 regret", () => {
    const rng = createRandom("pop-grad");
    for (const h of [1, 3]) {
      const batch = 16;
      const m = 50;
      const lambdas = lambdasFor("different", m);
      const pop = new DatacenterPopulation({ lambdas });
      const f = Float64Array.from(Float32Array.from(uniform(rng, batch * h, 0.5, 10)));
      const y = Float64Array.from(Float32Array.from(uniform(rng, batch * h, 0.5, 10)));
      const xi = Float64Array.from(Float32Array.from(uniform(rng, batch * m, 0.05, 10)));
      const grad = tf.tidy(() => {
        const g = tf.grad((x) => tf.sum(pop.regretsTensor(x as tf.Tensor2D, tf.tensor2d(Float32Array.from(y), [batch, h]), tf.tensor2d(Float32Array.from(xi), [batch, m]))));
        return g(tf.tensor2d(Float32Array.from(f), [batch, h])).dataSync();
      });
      expect(grad.length).toBe(batch * h);
      const total = (x: Float64Array) => pop.regrets(x, y, xi, batch).reduce((s, v) => s + v, 0);
      for (let i = 0; i < batch * h; i++) {
        const step = 1e-6 * Math.max(1, Math.abs(f[i]));
        const up = Float64Array.from(f);
        const down = Float64Array.from(f);
        up[i] += step;
        down[i] -= step;
        const fd = (total(up) - total(down)) / (2 * step);
        // Gradient scale of row b: Σ_j sqrt(λ_j w_j) / (2·sqrt(ĉ)·H), to absorb float32 noise near ĉ = c.
        const b = Math.floor(i / h);
        let rowScale = 0;
        for (let j = 0; j < m; j++) rowScale += Math.sqrt(lambdas[j] * xi[b * m + j]);
        let mean = 0;
        for (let k = 0; k < h; k++) mean += f[b * h + k] / h;
        rowScale /= 2 * Math.sqrt(mean) * h;
        expect(Math.abs(grad[i] - fd)).toBeLessThanOrEqual(1e-2 * Math.abs(fd) + 1e-4 * rowScale);
      }
      pop.dispose();
    }
  });

  it("applies the 0.01 floor with tf.maximum (forecast below the floor has zero gradient)", () => {
    const pop = new DatacenterPopulation({ lambdas: [2, 8] });
    const f = [-1, 0, 0.005, 3];
    const y = [0, 2, -4, 3];
    const xi = [1, 0, -2, 4, 3, 3, 0, -1];
    const want = pop.regrets(f, y, xi, 4);
    const [got, grad] = tf.tidy(() => {
      const yt = tf.tensor2d(y, [4, 1]);
      const xt = tf.tensor2d(xi, [4, 2]);
      const ft = tf.tensor2d(f, [4, 1]);
      const r = pop.regretsTensor(ft, yt, xt).dataSync();
      const g = tf.grad((x) => tf.sum(pop.regretsTensor(x as tf.Tensor2D, yt, xt)))(ft).dataSync();
      return [r, g];
    });
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-6 * (1 + want[i]));
    expect(want[0]).toBe(0); // ĉ and c both floored to 0.01
    expect(Array.from(grad.slice(0, 3), Math.abs)).toEqual([0, 0, 0]);
    expect(want[6]).toBe(0); // forecast = truth
    pop.dispose();
  });

  it("the fused op and the reference broadcast ops agree in value and gradient (float32 tolerance), floors included", () => {
    const m = 7;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (batch, h, seed) => {
        const rng = createRandom(seed);
        const pick = (n: number) => Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? 0.01 : -0.5 + 10.5 * rng.next()));
        const pop = new DatacenterPopulation({ lambdas: lambdasFor("different", m) });
        const [f, y, xi] = [pick(batch * h), pick(batch * h), pick(batch * m)];
        const weights = pick(batch * m);
        const run = (path: "regretsTensor" | "regretsTensorOps") => tf.tidy(() => {
          const yt = tf.tensor2d(y, [batch, h]);
          const xt = tf.tensor2d(xi, [batch, m]);
          const wt = tf.tensor2d(weights, [batch, m]);
          const loss = (x: tf.Tensor) => tf.sum(tf.mul(pop[path](x as tf.Tensor2D, yt, xt), wt));
          const ft = tf.tensor2d(f, [batch, h]);
          return [pop[path](ft, yt, xt).dataSync(), tf.grad(loss)(ft).dataSync()];
        });
        const [value, grad] = run("regretsTensor");
        const [valueOps, gradOps] = run("regretsTensorOps");
        for (let i = 0; i < value.length; i++) expect(Math.abs(value[i] - valueOps[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(valueOps[i])));
        for (let i = 0; i < grad.length; i++) expect(Math.abs(grad[i] - gradOps[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(gradOps[i])));
        pop.dispose();
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it("checks tensor shapes", () => {
    const pop = new DatacenterPopulation({ lambdas: [2, 8] });
    tf.tidy(() => {
      expect(() => pop.regretsTensor(tf.zeros([3, 1]), tf.zeros([2, 1]), tf.zeros([3, 2]))).toThrow(RangeError);
      expect(() => pop.regretsTensor(tf.zeros([3, 1]), tf.zeros([3, 1]), tf.zeros([3, 3]))).toThrow(RangeError);
    });
    pop.dispose();
  });

  it.each([
    ["regretsTensor", 0],
    ["regretsTensorOps", 1],
  ] as const)("%s does not leak tensors across repeated calls (it keeps %i), and dispose frees what it kept", (path, kept) => {
    const pop = new DatacenterPopulation({ lambdas: lambdasFor("different", 50) });
    const regrets = (a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor2D) => pop[path](a, b, c);
    const f = tf.randomUniform([128, 1], 0, 10) as tf.Tensor2D;
    const y = tf.randomUniform([128, 1], 0, 10) as tf.Tensor2D;
    const xi = tf.randomUniform([128, 50], 0, 10) as tf.Tensor2D;
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      regrets(f, y, xi); // the ops path's first call creates the kept 1×M λ tensor
    });
    const warm = tf.memory().numTensors;
    expect(warm).toBe(start + kept);
    for (let k = 0; k < 20; k++) {
      tf.tidy(() => {
        tf.sum(regrets(f, y, xi));
        tf.grad((x) => tf.mean(regrets(x as tf.Tensor2D, y, xi)))(f);
      });
    }
    expect(tf.memory().numTensors).toBe(warm);
    const r = regrets(f, y, xi); // outside a tidy: exactly the result survives
    expect(tf.memory().numTensors).toBe(warm + 1);
    r.dispose();
    pop.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([f, y, xi]);
  });
});
