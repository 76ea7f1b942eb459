import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createModel } from "@equitable/model";
import { modelSpecOf } from "@equitable/scenario";
import { simulateClosedLoop, type LoopResult } from "./closed-loop-deployment.js";
import { planJobs } from "./plan-jobs.js";
import { buildResponse, perdomoWorld } from "./perdomo-world.spec-helper.js";

// Perdomo, Zrnic, Mendler-Dünner, Hardt (ICML 2020): with y = μ + ε·θ + noise and MSE, repeated
// risk minimisation is θ_{k+1} = μ + ε·θ_k: it converges to θ* = μ/(1 − ε) at rate ε^k when |ε| < 1
// and does not converge when |ε| ≥ 1. Here the real loop plays it: a public model (constant, θ its
// bias) deployed by the simulator, agents whose mean decision is the forecast, the scenario's
// linear-shift response, and the trainer retraining on each round's realised rows (MSE, Plain PM).
const MU = 5;
const THETA0 = 0;
// Retraining must itself converge for each round to be a risk minimisation: full batch, Adam with a
// step schedule (0.5, ×0.6 every 10 epochs: ≈ 3·10⁻⁵ by epoch 200) — an optimiser error far below 10⁻³.
const RETRAIN = { epochs: 200, training: { batchSize: 1024, learningRate: 0.5, lrStepEpochs: 10, lrGamma: 0.6, clipNorm: 0 } };

async function play(epsilon: number, rounds: number): Promise<{ result: LoopResult; star: number; theta: number[] }> {
  const { scenario, world, baseline } = perdomoWorld({ epsilon, mu: MU, noise: 0.5, hours: 241, seed: 11 });
  // The fixed point of the sample: μ̂ is the mean of the baseline over the rows retrained on.
  let mu = 0;
  for (let h = 1; h < baseline.length; h++) mu += baseline[h] / (baseline.length - 1);
  const job = planJobs(scenario)[0];
  const model = createModel(modelSpecOf(scenario), createRandom(1));
  try {
    const result = await simulateClosedLoop({
      scenario, world, rows: world.test, model, label: job.label, objective: job.objective, seed: 11,
      response: buildResponse(scenario, baseline, undefined), loop: { rounds, ...RETRAIN, tolerance: 1e-3 },
    });
    return { result, star: mu / (1 - epsilon), theta: result.rounds.map((r) => r.forecastMean) };
  } finally {
    model.dispose();
  }
}

/**
 * Rounds after which the rate alone leaves ε^k·|θ0 − θ*| ≤ 0.5·10⁻³·|θ*|: what the rate predicts,
 * with half the 10⁻³ tolerance left to the optimiser (each retrain stops a little short of the minimiser).
 */
const predicted = (epsilon: number, star: number) => Math.ceil(Math.log((0.5e-3 * Math.abs(star)) / Math.abs(THETA0 - star)) / Math.log(Math.abs(epsilon)));

describe("the closed loop on Perdomo et al.'s location shift (a correctness anchor)", () => {
  for (const epsilon of [0.3, 0.6, -0.5]) {
    it(`ε = ${epsilon}: θ_k reaches μ/(1 − ε) within 1e-3 (relative) after the rounds ε^k predicts, contracting by ε each round`, async () => {
      const star = MU / (1 - epsilon);
      const k = predicted(epsilon, star);
      const { result, star: sampleStar, theta } = await play(epsilon, k + 1);
      expect(theta[0]).toBe(THETA0);
      expect(Math.abs(theta[k] - sampleStar) / Math.abs(sampleStar)).toBeLessThan(1e-3);
      // The rate: each round's gap to θ* is ε times the last one's (while the gap is well above the optimiser's error).
      let checked = 0;
      for (let r = 0; r + 1 < theta.length && Math.abs(theta[r + 1] - sampleStar) > 0.2; r++, checked++) {
        expect(Math.abs((theta[r + 1] - sampleStar) / (theta[r] - sampleStar) - epsilon)).toBeLessThan(0.02);
      }
      expect(checked).toBeGreaterThanOrEqual(2);
      // At the stable point the forecast is the signal it realises, so the followers' regret vanishes.
      const last = result.rounds[k];
      expect(Math.abs(last.signalMean - last.forecastMean)).toBeLessThan(1e-3 * Math.abs(sampleStar));
      expect(result.rounds.every((r) => r.regrets.every((c) => c >= 0))).toBe(true);
    }, 120_000);
  }

  it("ε = 1.2: no convergence — the gap to μ/(1 − ε) grows every round and the loop never stabilises", async () => {
    const { result, star, theta } = await play(1.2, 8);
    for (let r = 0; r + 1 < theta.length; r++) expect(Math.abs(theta[r + 1] - star)).toBeGreaterThan(Math.abs(theta[r] - star));
    expect(result.stableFrom).toBeNull();
    expect(theta[theta.length - 1]).toBeGreaterThan(40);
  }, 120_000);
});
