import { beforeAll, describe, expect, it } from "vitest";
import { createRandom, type AgentPopulation } from "@equitable/core";
import { createMlp, selectBackend } from "@equitable/model";
import { measureDisagreement } from "./disagreement.js";
import { trainToEnd } from "./train.js";
import { world } from "./spec-fixtures.js";

/** Newsvendors at critical ratios τ_m: regret τ·(y − ŷ)⁺ + (1 − τ)·(ŷ − y)⁺, each wanting its own quantile. */
function newsvendors(tau: readonly number[]): AgentPopulation {
  return {
    kind: "newsvendor", ids: tau.map((_, j) => `nv-${j}`), xiWidth: 1, differentiable: false,
    regrets: (f, y, _xi, batch) => {
      const out = new Float64Array(batch * tau.length);
      for (let b = 0; b < batch; b++) {
        for (let j = 0; j < tau.length; j++) out[b * tau.length + j] = Math.max(0, y[b] - f[b]) * tau[j] + Math.max(0, f[b] - y[b]) * (1 - tau[j]);
      }
      return out;
    },
  };
}

describe("measureDisagreement: do the agents want different forecasts?", () => {
  const w = world("disagreement");
  let model: ReturnType<typeof createMlp>;
  beforeAll(async () => {
    await selectBackend("cpu");
    model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(3) });
    await trainToEnd({
      model, ...w, objective: { method: "plain" },
      options: { epochs: 8, batchSize: 64, learningRate: 0.02, lrStepEpochs: 10, lrGamma: 0.5, clipNorm: 5 }, rng: createRandom(4),
    });
    return () => model.dispose();
  });

  it("data centres (costs affine in the signal) agree: one forecast is best for all of them", async () => {
    const d = await measureDisagreement(model, w.series, w.rows, w.population);
    expect(d.agrees).toBe(true);
    expect(d.index).toBeLessThan(0.02);
  });

  it("newsvendors at τ = 0.1, 0.5, 0.9 disagree, and each wants a quantile in the order of its τ", async () => {
    const d = await measureDisagreement(model, w.series, w.rows, newsvendors([0.1, 0.5, 0.9]));
    expect(d.agrees).toBe(false);
    expect(d.index).toBeGreaterThan(0.05);
    expect(d.bestTau[0]).toBeLessThan(d.bestTau[1]);
    expect(d.bestTau[1]).toBeLessThan(d.bestTau[2]);
    for (let j = 0; j < 3; j++) expect(d.atBest[j]).toBeLessThanOrEqual(d.atConsensus[j]);
  });

  it("identical newsvendors agree exactly, whatever τ they share", async () => {
    const d = await measureDisagreement(model, w.series, w.rows, newsvendors([0.8, 0.8, 0.8]));
    expect(d.index).toBe(0);
    expect(d.spread).toBe(0);
    expect(d.consensusTau).toBeGreaterThan(0.5);
  });
});
