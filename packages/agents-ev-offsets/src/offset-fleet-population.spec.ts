import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { assertConformingKind, checkAgentKind } from "@equitable/testkit";
import { OffsetFleetPopulation } from "./offset-fleet-population.js";
import { evOffsetsKind } from "./ev-offsets-kind.js";

await tf.setBackend("cpu");

const T = 6;
const fleets = (tau: readonly number[]) => new OffsetFleetPopulation({ under: tau.map((t) => t / (1 - t)), over: tau.map(() => 1), slots: T });

describe("OffsetFleetPopulation (ILP schedule + day-ahead offsets settled on the truth)", () => {
  it("passes every conformance check that applies to its kind, the ILP comparison among them", () => {
    assertConformingKind(evOffsetsKind, { seed: 11, numRuns: 60 });
    const checks = checkAgentKind(evOffsetsKind, { seed: 12, numRuns: 20 }).map((r) => r.check);
    expect(checks).toEqual(expect.arrayContaining(["feasible", "fast-path-matches-ilp", "regret-matches-decisions", "zero-at-truth"]));
    expect(checks).not.toContain("gradient");
  });

  it("is the schedule regret plus a pinball loss on the schedule's total, worked by hand", () => {
    // Forecast ranks slot 1 then 0 cheapest; the truth ranks 2 then 3. k = 2 at ζ = 2.
    const p = fleets([0.25, 0.75]);
    const forecast = [1, 0.5, 3, 4, 5, 6];
    const truth = [2, 3, 0.5, 1, 9, 9];
    const r = p.regrets(forecast, truth, [4, 2, 4, 2], 1);
    const emitted = 2 * (3 + 2); // slots {1, 0} under the truth
    const bought = 2 * (0.5 + 1); // the forecast's total of the same slots
    const best = 2 * (0.5 + 1);
    // τ = 0.25 → u = 1/3, τ = 0.75 → u = 3 (o = 1); emitted > bought: a shortfall.
    expect(r[0]).toBeCloseTo(emitted - best + (1 / 3) * (emitted - bought), 12);
    expect(r[1]).toBeCloseTo(emitted - best + 3 * (emitted - bought), 12);
  });

  it("fleets with different τ want different forecasts: each one's least total regret over a shift of the forecast is at its own quantile", () => {
    // With the ranking fixed (a constant shift keeps it), the regret over a sample is least where the
    // shifted total is the τ-quantile of the truth's totals: a risk-averse fleet wants a higher shift.
    fc.assert(fc.property(
      fc.array(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: T, maxLength: T }), { minLength: 8, maxLength: 30 }),
      (truths) => {
        const p = fleets([0.1, 0.9]);
        const rows = truths.length;
        const base = Float64Array.from({ length: rows * T }, (_, i) => i % T); // ranks slots 0,1 first
        const xi = Float64Array.from({ length: rows * 4 }, (_, i) => (i % 2 === 0 ? 2 : 1)); // k = 2, ζ = 1
        const truth = Float64Array.from(truths.flat());
        const total = (shift: number, j: number) => {
          const r = p.regrets(base.map((v) => v + shift), truth, xi, rows);
          let s = 0;
          for (let i = 0; i < rows; i++) s += r[i * 2 + j];
          return s;
        };
        const best = (j: number) => {
          let arg = 0;
          for (let s = -10; s <= 10; s += 0.25) if (total(s, j) < total(arg, j) - 1e-12) arg = s;
          return arg;
        };
        expect(best(1)).toBeGreaterThanOrEqual(best(0));
      },
    ), { seed: 5, numRuns: 60 });
  });

  it("names the fleet and sample of an infeasible need and refuses bad prices", () => {
    const p = fleets([0.5]);
    expect(() => p.regrets(new Float64Array(T), new Float64Array(T), [70, 1], 1)).toThrow(/k = 70 slots > 6/);
    expect(() => p.regrets(new Float64Array(T), new Float64Array(T), [-1, 1], 1)).toThrow(/ev-offsets-0, sample 0: negative energy need/);
    expect(() => new OffsetFleetPopulation({ under: [1], over: [0], slots: T })).toThrow(/over price of fleet 0 must be a finite number > 0, got 0/);
  });
});
