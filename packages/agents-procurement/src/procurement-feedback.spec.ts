import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { checkFeedbackRegret } from "@equitable/testkit";
import { ProcurementPopulation } from "./procurement-population.js";
import { procurementLive } from "./procurement-live.js";

const N = 24 * 5;
const rng = createRandom("feedback-baseline");
const baseline = Float64Array.from({ length: N }, () => 2 + 8 * rng.next());
// 3 desks, shares 0.2, 0.3, 0.5, committing for the hour ahead.
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
// A series holds its truths in float32: the realised signal is priced to ~1e-7 relative per hour, so regret "0" is ≤ 1e-4 over 120 hours.
const options = { horizon: 1, seed: 2, runs: 4, regretTolerance: 1e-4, maxIterations: 200 };

describe("procurement desks under a closed loop (testkit's checkFeedbackRegret)", () => {
  it("priced on the realised signal: regret ≥ 0, and 0 once the forecast is the signal it realises", () => {
    expect(checkFeedbackRegret(desksOn, imbalance, baseline, options).map((f) => f.message)).toEqual([]);
  });

  it("a mutant that prices on history's signal instead of the realised one is caught at the fixed point", () => {
    expect(checkFeedbackRegret(() => desksOn(baseline), imbalance, baseline, options).map((f) => f.check)).toEqual(["feedback-zero-at-fixed-point"]);
  });
});
