import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { syntheticEvSessions } from "@equitable/data";
import { EvSessionFleet } from "@equitable/agents-ev";
import { checkFeedbackRegret } from "./index.js";

const H = 12;
const N = 24 * 5;
const sessions = syntheticEvSessions({ count: 400, seed: 4 });
const rng = createRandom("feedback-baseline");
const baseline = Float64Array.from({ length: N }, () => 2 + 8 * rng.next());
const fleet = (truth: Float64Array) => new EvSessionFleet({ sessions, agents: 4, hours: Array.from({ length: N }, (_, i) => 7 + i), truth });
// The textbook response on the fleet's charging energy: each kWh charged in an hour raises its signal by 0.01 (small enough for the loop to settle here; at 0.05 it cycles with period 2: herding).
const shift = { reference: 0, blame: "epsilon", realise: (_h: number, y: number, load: number) => y + 0.01 * load };

describe("checkFeedbackRegret (the live checks under a closed loop)", () => {
  it("EV chargers priced on the signal their load realised: regret ≥ 0 under any forecasts", () => {
    // (With a discrete schedule, forecast := realised cycles with period 2 here, even at ε = 0.01: there is no fixed point to judge;
    // the fixed-point check and its mutant run on procurement desks, in agents-procurement's procurement-feedback.spec.ts.)
    expect(checkFeedbackRegret(fleet, shift, baseline, { horizon: H, seed: 2, runs: 4 })).toEqual([]);
  });

  it("a population that reports no load cannot be checked under feedback, and says so", () => {
    const silent = (truth: Float64Array) => Object.assign(Object.create(fleet(truth)), { load: undefined });
    expect(checkFeedbackRegret(silent, shift, baseline, { horizon: H })[0].message).toMatch(/reports no load/);
  });
});
