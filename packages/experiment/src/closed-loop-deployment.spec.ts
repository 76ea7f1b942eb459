import { describe, expect, it } from "vitest";
import { createRandom, InputError } from "@equitable/core";
import { createModel } from "@equitable/model";
import { modelSpecOf } from "@equitable/scenario";
import { simulateClosedLoop, stableFrom } from "./closed-loop-deployment.js";
import { planJobs } from "./plan-jobs.js";
import { buildResponse, perdomoWorld } from "./perdomo-world.spec-helper.js";

async function loop(epsilon: number, rounds: number, every?: number, response = true) {
  const { scenario, world, baseline } = perdomoWorld({ epsilon, mu: 5, noise: 0.5, hours: 241, seed: 3 });
  const job = planJobs(scenario)[0];
  const model = createModel(modelSpecOf(scenario), createRandom(1));
  try {
    return await simulateClosedLoop({
      scenario, world, rows: world.test, model, label: job.label, objective: job.objective, seed: 3,
      response: response ? buildResponse(scenario, baseline, undefined) : undefined,
      loop: { rounds, every, epochs: 20, training: { batchSize: 1024, learningRate: 0.5, lrStepEpochs: 5, lrGamma: 0.5 } },
    });
  } finally {
    model.dispose();
  }
}

describe("simulateClosedLoop", () => {
  it("with --retrain-every, rounds walk the live period in windows and wrap around", async () => {
    const r = await loop(0.5, 6, 70);
    // 240 live hours in windows of 70: [0, 70), [70, 140), [140, 210), [210, 240), then again from the start.
    expect(r.rounds.map((x) => [x.from, x.to])).toEqual([[0, 70], [70, 140], [140, 210], [210, 240], [0, 70], [70, 140]]);
    expect(r.rounds.map((x) => x.version)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.rounds[0].distance).toBeNull();
    expect(r.rounds.slice(1).every((x) => x.distance !== null && x.distance > 0)).toBe(true);
  }, 60_000);

  it("the open loop realises history's signal; the closed loop moves it by ε times the agents' load", async () => {
    const open = await loop(0.5, 2, undefined, false);
    const closed = await loop(0.5, 2);
    for (const x of open.rounds) expect(x.signalMean).toBeCloseTo(x.baselineMean, 6);
    for (const x of closed.rounds) expect(x.signalMean - x.baselineMean).toBeCloseTo(0.5 * x.load, 5);
    // Round 0 deploys the same untrained model (θ = 0) in both: the followers' load is 0, so nothing moves yet.
    expect(closed.rounds[0].signalMean).toBeCloseTo(open.rounds[0].signalMean, 6);
    expect(closed.rounds[1].signalMean).toBeGreaterThan(open.rounds[1].signalMean + 1);
  }, 60_000);

  it("refuses a round count below 1, naming the field", async () => {
    await expect(loop(0.5, 0)).rejects.toThrow(InputError);
    await expect(loop(0.5, 0)).rejects.toThrow(/^rounds: must be an integer ≥ 1, got 0/);
  });

  it("stableFrom: the first round from which every distance stays within the tolerance", () => {
    const d = (...xs: (number | null)[]) => xs.map((distance) => ({ distance }));
    expect(stableFrom(d(null, 0.5, 0.01, 0.2, 0.01, 0.02), 0.05)).toBe(4);
    expect(stableFrom(d(null, 0.5, 0.01, 0.2), 0.05)).toBeNull();
    expect(stableFrom(d(null), 0.05)).toBeNull();
  });
});
