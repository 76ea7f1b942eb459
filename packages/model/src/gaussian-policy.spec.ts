import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createGaussianPolicy } from "./gaussian-policy.js";
import { createMlp } from "./mlp.js";
import { describeBackends, maxRelError, uniform } from "./backends.spec-helper.js";

const WINDOW = 5;
const HORIZON = 3;
const makeModel = () => createMlp({ window: WINDOW, horizon: HORIZON, hidden: 4, rng: createRandom(1) });

/** Float64 Σ_h log N(y; μ, σ²) for S×B×H samples, B×H means, H log-stds → S×B. */
function logProbReference(y: ArrayLike<number>, mu: ArrayLike<number>, logSigma: ArrayLike<number>, S: number, B: number): Float64Array {
  const H = logSigma.length;
  const out = new Float64Array(S * B);
  for (let s = 0; s < S; s++) {
    for (let b = 0; b < B; b++) {
      let total = 0;
      for (let h = 0; h < H; h++) {
        const sigma = Math.exp(logSigma[h]);
        const z = (y[(s * B + b) * H + h] - mu[b * H + h]) / sigma;
        total += -0.5 * z * z - Math.log(sigma * Math.sqrt(2 * Math.PI));
      }
      out[s * B + b] = total;
    }
  }
  return out;
}

describeBackends("createGaussianPolicy", () => {
  it("rejects standard deviations that are not positive and finite, naming the field", () => {
    const m = makeModel();
    try {
      expect(() => createGaussianPolicy(m, { kind: "learned", init: 0 })).toThrow(/std\.init/);
      expect(() => createGaussianPolicy(m, { kind: "learned", init: Number.NaN })).toThrow(RangeError);
      expect(() => createGaussianPolicy(m, { kind: "fixed", value: -1 })).toThrow(/std\.value/);
      expect(() => createGaussianPolicy(m, { kind: "fixed", value: Infinity })).toThrow(/std\.value/);
      expect(() => createGaussianPolicy(m, { kind: "fixed", value: 1, annealTo: 0 })).toThrow(/std\.annealTo/);
      expect(() => createGaussianPolicy(m, { kind: "fixed", value: 1, annealTo: 0 })).toThrow(RangeError);
    } finally {
      m.dispose();
    }
  });

  it("fixed σ anneals geometrically: value at epoch 0, the geometric mean midway, annealTo at the last epoch", () => {
    const m = makeModel();
    const p = createGaussianPolicy(m, { kind: "fixed", value: 0.4, annealTo: 0.1 });
    const constant = createGaussianPolicy(m, { kind: "fixed", value: 0.3 });
    try {
      const base = tf.memory().numTensors;
      const sigmaAt = (policy: typeof p, epoch: number, epochs: number) =>
        tf.tidy(() => {
          const t = policy.logStd(epoch, epochs);
          expect(t.shape).toEqual([1, HORIZON]);
          return Array.from(t.dataSync(), Math.exp);
        });
      const close = (actual: number[], expected: number) => expect(maxRelError(actual, actual.map(() => expected))).toBeLessThan(1e-6);
      close(sigmaAt(p, 0, 11), 0.4);
      close(sigmaAt(p, 5, 11), 0.2); // √(0.4 · 0.1)
      close(sigmaAt(p, 10, 11), 0.1);
      close(sigmaAt(p, 0, 1), 0.4); // a single epoch stays at the start value
      close(sigmaAt(constant, 0, 10), 0.3);
      close(sigmaAt(constant, 9, 10), 0.3);
      expect(() => p.logStd(11, 11)).toThrow(RangeError);
      expect(() => p.logStd(0, 0)).toThrow(RangeError);
      expect(tf.memory().numTensors).toBe(base);
      // No variable of its own: the trainable parameters are the model's.
      expect(p.variables).toHaveLength(m.variables.length);
      expect(p.variables.every((v, k) => v === m.variables[k])).toBe(true);
      expect(p.horizon).toBe(HORIZON);
    } finally {
      p.dispose();
      constant.dispose();
      m.dispose();
    }
  });

  it("logProb equals the closed-form Gaussian log-density (float64 by hand)", () => {
    const m = makeModel();
    const p = createGaussianPolicy(m, { kind: "fixed", value: 1 });
    try {
      const [S, B] = [4, 3];
      const y = uniform(S * B * HORIZON, 1, -2, 2);
      const mu = uniform(B * HORIZON, 2, -1, 1);
      const logSigma = Float32Array.of(-0.7, 0, 0.4);
      const actual = tf.tidy(() =>
        p.logProb(tf.tensor3d(y, [S, B, HORIZON]), tf.tensor2d(mu, [B, HORIZON]), tf.tensor2d(logSigma, [1, HORIZON])).dataSync().slice(),
      );
      expect(actual).toHaveLength(S * B);
      expect(maxRelError(actual, logProbReference(y, mu, logSigma, S, B))).toBeLessThan(1e-5);
      // One value worked through by hand: y = 1, μ = 0, σ = e⁰ = 1 in every slot → 3·(−½ − ½ log 2π).
      const one = tf.tidy(() =>
        p.logProb(tf.ones([1, 1, HORIZON]), tf.zeros([1, HORIZON]), tf.zeros([1, HORIZON])).dataSync()[0],
      );
      expect(one).toBeCloseTo(3 * (-0.5 - 0.5 * Math.log(2 * Math.PI)), 5);
    } finally {
      p.dispose();
      m.dispose();
    }
  });

  it("the gradient of Σ logProb is Σ_s (ŷ − μ)/σ² in μ and Σ_{s,b} ((ŷ − μ)²/σ² − 1) in log σ", () => {
    const m = makeModel();
    const p = createGaussianPolicy(m, { kind: "learned", init: 0.5 });
    try {
      const [S, B, H] = [5, 4, HORIZON];
      const y = uniform(S * B * H, 3, -2, 2);
      const mu = uniform(B * H, 4, -1, 1);
      const logSigma = Float32Array.of(-0.3, 0.2, -1);
      const [dMu, dLogSigma] = tf.tidy(() => {
        const ys = tf.tensor3d(y, [S, B, H]);
        const g = tf.grads((mean: tf.Tensor, ls: tf.Tensor) => tf.sum(p.logProb(ys, mean as tf.Tensor2D, ls as tf.Tensor2D)));
        return g([tf.tensor2d(mu, [B, H]), tf.tensor2d(logSigma, [1, H])]).map((t) => t.dataSync().slice());
      });
      const expectedMu = new Float64Array(B * H);
      const expectedLogSigma = new Float64Array(H);
      for (let s = 0; s < S; s++) {
        for (let b = 0; b < B; b++) {
          for (let h = 0; h < H; h++) {
            const variance = Math.exp(2 * logSigma[h]);
            const diff = y[(s * B + b) * H + h] - mu[b * H + h];
            expectedMu[b * H + h] += diff / variance;
            expectedLogSigma[h] += (diff * diff) / variance - 1;
          }
        }
      }
      expect(dMu).toHaveLength(B * H);
      expect(dLogSigma).toHaveLength(H);
      expect(maxRelError(dMu, expectedMu)).toBeLessThan(1e-5);
      expect(maxRelError(dLogSigma, expectedLogSigma)).toBeLessThan(1e-5);
    } finally {
      p.dispose();
      m.dispose();
    }
  });

  it("sample is seeded, S×B×H row-major, and its mean and spread match μ and σ within 5 standard errors", () => {
    const m = makeModel();
    const p = createGaussianPolicy(m, { kind: "fixed", value: 1 });
    try {
      const [B, H] = [2, HORIZON];
      const mu = Float32Array.of(0, 1, -2, 10, 0.5, 3);
      const logSigma = Float32Array.of(Math.log(0.1), 0, Math.log(3));
      const S = 20000;
      const a = p.sample(mu, logSigma, B, S, createRandom(7));
      expect(a).toBeInstanceOf(Float32Array);
      expect(a).toHaveLength(S * B * H);
      expect(p.sample(mu, logSigma, B, S, createRandom(7))).toEqual(a);
      expect(p.sample(mu, logSigma, B, S, createRandom(8))).not.toEqual(a);
      // Row-major [s][b][h]: the first draw of sample 0 is μ₀ + σ₀·(the rng's first normal).
      const rng = createRandom(7);
      expect(a[0]).toBeCloseTo(mu[0] + 0.1 * rng.normal(), 5);
      expect(a[1]).toBeCloseTo(mu[1] + 1 * rng.normal(), 5);
      for (let j = 0; j < B * H; j++) {
        const sigma = Math.exp(logSigma[j % H]);
        let sum = 0;
        let sumSq = 0;
        for (let s = 0; s < S; s++) sum += a[s * B * H + j];
        const mean = sum / S;
        for (let s = 0; s < S; s++) sumSq += (a[s * B * H + j] - mean) ** 2;
        const sd = Math.sqrt(sumSq / (S - 1));
        // SE of the mean σ/√S; of the sample standard deviation ≈ σ/√(2(S−1)).
        expect(Math.abs(mean - mu[j]), `mean of slot ${j}`).toBeLessThan((5 * sigma) / Math.sqrt(S));
        expect(Math.abs(sd - sigma), `sd of slot ${j}`).toBeLessThan((5 * sigma) / Math.sqrt(2 * (S - 1)));
      }
      expect(() => p.sample(mu, logSigma, 3, 1, createRandom(1))).toThrow(RangeError);
      expect(() => p.sample(mu, logSigma.subarray(1), B, 1, createRandom(1))).toThrow(RangeError);
      expect(p.sample(mu, logSigma, B, 0, createRandom(1))).toHaveLength(0);
    } finally {
      p.dispose();
      m.dispose();
    }
  });

  it("a learned log-std starts at log(init), is a trainable variable, and gets a non-zero gradient", () => {
    const m = makeModel();
    const base = tf.memory().numTensors;
    const p = createGaussianPolicy(m, { kind: "learned", init: 0.25 });
    try {
      expect(p.variables).toHaveLength(m.variables.length + 1);
      expect(m.variables.every((v, k) => p.variables[k] === v)).toBe(true);
      const logStdVar = p.variables[m.variables.length];
      expect(logStdVar.trainable).toBe(true);
      expect(logStdVar.shape).toEqual([HORIZON]);
      expect(maxRelError(logStdVar.dataSync(), [0, 1, 2].map(() => Math.log(0.25)))).toBeLessThan(1e-6);
      // Independent of the epoch: it is whatever training made it.
      const read = tf.tidy(() => p.logStd(3, 10).dataSync().slice());
      expect(Array.from(read)).toEqual(Array.from(logStdVar.dataSync()));
      // A caller disposing what logStd returned must not free the variable.
      p.logStd(0, 1).dispose();
      expect(logStdVar.isDisposed).toBe(false);

      const B = 6;
      const x = uniform(B * WINDOW, 5, 0, 2);
      const samples = tf.tidy(() => {
        const mean = p.model.forward(tf.tensor2d(x, [B, WINDOW]));
        return p.sample(mean.dataSync() as Float32Array, logStdVar.dataSync() as Float32Array, B, 8, createRandom(3));
      });
      const counts: number[] = [];
      for (let step = 0; step < 3; step++) {
        tf.tidy(() => {
          const xs = tf.tensor2d(x, [B, WINDOW]);
          const ys = tf.tensor3d(samples, [8, B, HORIZON]);
          const rewards = tf.tensor2d(uniform(8 * B, 6, -1, 1), [8, B]);
          // REINFORCE surrogate: −mean(reward · log σ_θ(ŷ | x)).
          const { value, grads } = tf.variableGrads(
            () => tf.neg(tf.mean(tf.mul(rewards, p.logProb(ys, p.model.forward(xs), p.logStd(step, 3))))) as tf.Scalar,
            [...p.variables],
          );
          value.dispose();
          const g = grads[logStdVar.name].dataSync();
          expect(g).toHaveLength(HORIZON);
          expect(Array.from(g).some((v) => v !== 0 && Number.isFinite(v))).toBe(true);
          expect(Object.keys(grads)).toHaveLength(p.variables.length);
        });
        counts.push(tf.memory().numTensors);
      }
      expect(new Set(counts)).toEqual(new Set([base + 1]));
    } finally {
      p.dispose();
    }
    // dispose frees the log-std only; the model is the caller's.
    expect(tf.memory().numTensors).toBe(base);
    expect(m.variables.every((v) => !v.isDisposed)).toBe(true);
    m.dispose();
  });
});
