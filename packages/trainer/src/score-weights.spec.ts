import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createGaussianPolicy, selectBackend, type TrainableModel } from "@equitable/model";
import { equitableAgentWeights, equitableLossValue } from "./agent-weights.js";
import { scoreWeights, type PolicyGradientEstimator } from "./score-weights.js";

// The one-dimensional toy: the public model is a single number μ, the policy N(μ, σ²), and agent
// m's cost of a forecast ŷ is a_m·ŷ + b_m — a black box to the estimator. Its mean regret over
// any batch has expectation a_m·μ + b_m and a variance that does not depend on μ, so for
// L = Σ_m C̄_m^(q+1) with q+1 = 2 both E[L] and Σ_m (E C̄_m)² have the analytic gradient
// Σ_m 2·a_m·(a_m·μ + b_m): the target both estimators must hit on average.
const A = [0.5, 1, 2];
const B_ = [3, 1, 0.5];
const MU = 1.5;
const SIGMA = 0.8;
const ROWS = 8;
const SAMPLES = 4;
const DRAWS = 3000;

function analyticGradient(qPlusOne: number): number {
  let g = 0;
  for (let m = 0; m < A.length; m++) g += qPlusOne * (A[m] * MU + B_[m]) ** (qPlusOne - 1) * A[m];
  return g;
}

function constantModel(mu: tf.Variable): TrainableModel {
  const forward = (x: tf.Tensor2D) => tf.mul(tf.onesLike(x), mu) as tf.Tensor2D;
  return {
    kind: "constant",
    window: 1,
    horizon: 1,
    spec: { kind: "mlp", window: 1, horizon: 1, hidden: 1 },
    variables: [mu],
    forward,
    predict: (_x, batch) => new Float32Array(batch).fill(mu.dataSync()[0]),
    dispose: () => mu.dispose(),
  };
}

/** DRAWS independent gradient estimates of one estimator, each from a fresh batch of samples. */
function estimates(estimator: PolicyGradientEstimator, qPlusOne: number, seed: number): Float64Array {
  const mu = tf.variable(tf.scalar(MU));
  const policy = createGaussianPolicy(constantModel(mu), { kind: "fixed", value: SIGMA });
  const rng = createRandom(seed);
  const x = tf.zeros([ROWS, 1]) as tf.Tensor2D;
  const out = new Float64Array(DRAWS);
  const m = A.length;
  for (let d = 0; d < DRAWS; d++) {
    const meanValues = new Float32Array(ROWS).fill(MU);
    const sampled = policy.sample(meanValues, Float32Array.of(Math.log(SIGMA)), ROWS, SAMPLES, rng);
    const regrets = new Float64Array(SAMPLES * ROWS * m);
    const means = new Float64Array(m);
    for (let r = 0; r < SAMPLES * ROWS; r++) {
      for (let j = 0; j < m; j++) {
        regrets[r * m + j] = A[j] * sampled[r] + B_[j];
        means[j] += regrets[r * m + j] / (SAMPLES * ROWS);
      }
    }
    const weights = scoreWeights({
      estimator,
      regrets,
      samples: SAMPLES,
      rows: ROWS,
      agents: m,
      agentWeights: equitableAgentWeights(means, qPlusOne, "power"),
      replicateLoss: (replicate) => equitableLossValue(replicate, qPlusOne, "power"),
    });
    const grad = tf.tidy(() =>
      tf.grad((v: tf.Tensor) => {
        const mean = tf.mul(tf.onesLike(x), v) as tf.Tensor2D;
        const logProb = policy.logProb(tf.tensor3d(sampled, [SAMPLES, ROWS, 1]), mean, policy.logStd(0, 1));
        return tf.sum(tf.mul(logProb, tf.tensor2d(weights, [SAMPLES, ROWS])));
      })(mu),
    );
    out[d] = grad.dataSync()[0];
    grad.dispose();
  }
  x.dispose();
  policy.dispose();
  mu.dispose();
  return out;
}

function meanAndSe(values: Float64Array): { mean: number; variance: number; se: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const variance = ss / (values.length - 1);
  return { mean, variance, se: Math.sqrt(variance / values.length) };
}

describe("policy-gradient estimators on a one-dimensional toy with an analytic gradient", () => {
  beforeAll(async () => {
    await selectBackend("cpu");
  });

  // Tolerance: 4 standard errors of the mean of DRAWS estimates (a false alarm about 1 in 16 000).
  for (const qPlusOne of [1, 2]) {
    it(`both are unbiased at q+1 = ${qPlusOne}, and REINFORCE with a baseline has the smaller variance`, () => {
      const target = analyticGradient(qPlusOne);
      const paper = meanAndSe(estimates("paper", qPlusOne, 11));
      const low = meanAndSe(estimates("reinforce-baseline", qPlusOne, 12));
      expect(Math.abs(paper.mean - target)).toBeLessThan(4 * paper.se);
      expect(Math.abs(low.mean - target)).toBeLessThan(4 * low.se);
      // The check has teeth: a wrong target (off by 10 %) would be rejected by the low-variance estimate.
      expect(Math.abs(low.mean - 1.1 * target)).toBeGreaterThan(4 * low.se);
      expect(low.variance).toBeLessThan(paper.variance / 4);
    }, 60_000);
  }
});

describe("scoreWeights", () => {
  it("gives the paper's estimator the batch loss on every row of each replicate, averaged over replicates", () => {
    // S = 2 replicates, B = 2 rows, M = 1 agent; replicate means 2 and 5, L = C̄² → weights L/S.
    const w = scoreWeights({
      estimator: "paper",
      regrets: Float64Array.of(1, 3, 4, 6),
      samples: 2,
      rows: 2,
      agents: 1,
      replicateLoss: (means) => means[0] ** 2,
    });
    expect(Array.from(w)).toEqual([2, 2, 12.5, 12.5]);
  });

  it("centres REINFORCE on the other samples of the same input (leave-one-out)", () => {
    // S = 2, B = 1, M = 2 agents with weights 1 and 3: u = [1·1 + 3·2, 1·3 + 3·0] = [7, 3].
    const w = scoreWeights({
      estimator: "reinforce-baseline",
      regrets: Float64Array.of(1, 2, 3, 0),
      samples: 2,
      rows: 1,
      agents: 2,
      agentWeights: [1, 3],
    });
    expect(Array.from(w)).toEqual([(7 - 3) / 2, (3 - 7) / 2]);
    expect(() => scoreWeights({ estimator: "reinforce-baseline", regrets: Float64Array.of(1), samples: 1, rows: 1, agents: 1, agentWeights: [1] })).toThrow(/at least 2 samples/);
  });

  it("keeps a running mean per agent that starts at the first batch and decays toward later ones", () => {
    const runningMean = Float64Array.of(Number.NaN);
    const first = scoreWeights({
      estimator: "reinforce-baseline", baseline: "running-mean", runningMean, runningMeanDecay: 0.5,
      regrets: Float64Array.of(2, 4), samples: 1, rows: 2, agents: 1, agentWeights: [1],
    });
    expect(Array.from(first)).toEqual([-0.5, 0.5]);
    expect(runningMean[0]).toBe(3);
    scoreWeights({
      estimator: "reinforce-baseline", baseline: "running-mean", runningMean, runningMeanDecay: 0.5,
      regrets: Float64Array.of(7, 7), samples: 1, rows: 2, agents: 1, agentWeights: [1],
    });
    expect(runningMean[0]).toBe(5);
  });

  it("refuses regrets whose length disagrees with S×B×M", () => {
    expect(() => scoreWeights({ estimator: "paper", regrets: new Float64Array(5), samples: 2, rows: 2, agents: 1, replicateLoss: () => 0 })).toThrow(/expected 2×2×1/);
  });
});

describe("equitableAgentWeights", () => {
  it("is the gradient of equitableLossValue (central differences), in both forms", () => {
    const means = Float64Array.of(0.3, 1.2, 0.7, 2.1);
    for (const form of ["power", "norm"] as const) {
      for (const qPlusOne of [1, 3, 10]) {
        const w = equitableAgentWeights(means, qPlusOne, form);
        for (let j = 0; j < means.length; j++) {
          const h = 1e-6;
          const up = Float64Array.from(means);
          const down = Float64Array.from(means);
          up[j] += h;
          down[j] -= h;
          const fd = (equitableLossValue(up, qPlusOne, form) - equitableLossValue(down, qPlusOne, form)) / (2 * h);
          expect(w[j]).toBeCloseTo(fd, 5);
        }
      }
    }
  });

  it("weighs the worst-off agent most once q > 0", () => {
    const w = equitableAgentWeights(Float64Array.of(0.1, 0.5, 0.2), 3, "norm");
    expect(w[1]).toBeGreaterThan(w[2]);
    expect(w[2]).toBeGreaterThan(w[0]);
  });
});
