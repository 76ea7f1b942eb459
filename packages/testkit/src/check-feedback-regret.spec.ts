import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { syntheticEvSessions } from "@equitable/data";
import { EvSessionFleet } from "@equitable/agents-ev";
import { ProcurementPopulation, procurementLive } from "@equitable/agents-procurement";
import { checkFeedbackRegret } from "./index.js";

const H = 12;
const N = 24 * 5;
const sessions = syntheticEvSessions({ count: 400, seed: 4 });
const rng = createRandom("feedback-baseline");
const baseline = Float64Array.from({ length: N }, () => 2 + 8 * rng.next());
const fleet = (truth: Float64Array) => new EvSessionFleet({ sessions, agents: 4, hours: Array.from({ length: N }, (_, i) => 7 + i), truth });
// The textbook response on the fleet's charging energy: each kWh charged in an hour raises its signal by 0.01 (small enough for the loop to settle here; at 0.05 it cycles with period 2: herding).
const shift = { reference: 0, blame: "epsilon", realise: (_h: number, y: number, load: number) => y + 0.01 * load };

// Procurement desks (continuous commitments a = s·ŷ) over the same hours: 3 desks, shares 0.2, 0.3, 0.5.
const desks = new ProcurementPopulation({ under: [1, 2, 4], over: [1, 1, 1] });
const desksOn = (truth: Float64Array) => {
  const series = {
    size: N, window: 1, horizon: 1, agents: 3, xiWidth: 1, t: Int32Array.from({ length: N }, (_, i) => i + 1), x: new Float32Array(N),
    y: Float32Array.from(truth), xi: Float32Array.from({ length: N * 3 }, (_, k) => [0.2, 0.3, 0.5][k % 3]),
  };
  return procurementLive(desks, series, Int32Array.from({ length: N }, (_, i) => i), 0);
};
// Their aggregate bid beyond their need on history's signal, Σ s(ŷ − y₀), shifts the price with ε = 0.3 around a reference of 2:
// the fixed point sits at y₀ − ε·2/(1 − ε), away from history, where forecast := realised contracts by ε per iteration.
const imbalance = { reference: 2, blame: "epsilon", realise: (_h: number, y: number, load: number) => y + 0.3 * (load - 2) };

describe("checkFeedbackRegret (the live checks under a closed loop)", () => {
  it("EV chargers priced on the signal their load realised: regret ≥ 0 under any forecasts", () => {
    // (With a discrete schedule, forecast := realised cycles with period 2 here, even at ε = 0.01: there is no fixed point to judge.)
    expect(checkFeedbackRegret(fleet, shift, baseline, { horizon: H, seed: 2, runs: 4 })).toEqual([]);
  });

  it("procurement desks priced on the realised signal: regret ≥ 0, and 0 once the forecast is the signal it realises", () => {
    // A series holds its truths in float32: the realised signal is priced to ~1e-7 relative per hour, so regret "0" is ≤ 1e-4 over 120 hours.
    expect(checkFeedbackRegret(desksOn, imbalance, baseline, { horizon: 1, seed: 2, runs: 4, regretTolerance: 1e-4, maxIterations: 200 }).map((f) => f.message)).toEqual([]);
  });

  it("a mutant that prices on history's signal instead of the realised one is caught at the fixed point", () => {
    const failures = checkFeedbackRegret(() => desksOn(baseline), imbalance, baseline, { horizon: 1, seed: 2, runs: 4, regretTolerance: 1e-4, maxIterations: 200 });
    expect(failures.map((f) => f.check)).toEqual(["feedback-zero-at-fixed-point"]);
  });

  it("a population that reports no load cannot be checked under feedback, and says so", () => {
    const silent = (truth: Float64Array) => Object.assign(Object.create(fleet(truth)), { load: undefined });
    expect(checkFeedbackRegret(silent, shift, baseline, { horizon: H })[0].message).toMatch(/reports no load/);
  });
});
