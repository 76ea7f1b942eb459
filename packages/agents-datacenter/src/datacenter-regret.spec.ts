import { InputError } from "@equitable/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datacenterCost } from "./datacenter-cost.js";
import { datacenterRegret } from "./datacenter-regret.js";
import { decideCapacity } from "./decide-capacity.js";

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe("datacenterRegret (Eq. 12)", () => {
  it("hand-computed cases", () => {
    // ĉ = 4, c = 1, w = 2, λ = 2: p*(4) = 3 costs 3 + 4/1 = 7 under c = 1, p*(1) = 4 costs 6: regret 1.
    expect(datacenterRegret(4, 1, 2, 2)).toBeCloseTo(1, 14);
    // ĉ = 1, c = 4, w = 1, λ = 4: p*(1) = 3 costs 12 + 4/2 = 14 under c = 4, p*(4) = 2 costs 12: regret 2.
    expect(datacenterRegret(1, 4, 1, 4)).toBeCloseTo(2, 14);
  });

  // Why per-tick evaluation leaves q little to tune (docs/design.md): over any spread of truths
  // the regret-minimising forecast is their mean, for every λ and w, which is also MSE's minimiser.
  it("over a sample of truths, every agent's mean regret is smallest at the truths' mean (MSE's minimiser)", () => {
    fc.assert(
      fc.property(fc.array(num(0.01, 10), { minLength: 2, maxLength: 40 }), num(0.01, 10), num(0.01, 100), (cs, w, lambda) => {
        const total = (f: number) => cs.reduce((s, c) => s + datacenterRegret(f, c, w, lambda), 0);
        const mean = cs.reduce((s, c) => s + c, 0) / cs.length;
        const atMean = total(mean);
        // Σ_i sqrt(λw)·(ĉ − 2·sqrt(ĉ·c_i) + c_i)/sqrt(ĉ) is convex in s = sqrt(ĉ) with its minimum at s² = mean c.
        for (const f of [mean * 0.9, mean * 0.99, mean * 1.01, mean * 1.1, Math.min(...cs), Math.max(...cs), 0.01, 10]) {
          expect(atMean).toBeLessThanOrEqual(total(f) * (1 + 1e-12) + 1e-15);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is ≥ 0 and equals the cost difference computed directly", () => {
    fc.assert(
      fc.property(num(-1, 100), num(-1, 100), num(-1, 100), num(0.01, 1000), (fcst, c, w, lambda) => {
        const r = datacenterRegret(fcst, c, w, lambda);
        expect(r).toBeGreaterThanOrEqual(0);
        const chosen = datacenterCost(decideCapacity(fcst, w, lambda), w, lambda, c);
        const ideal = datacenterCost(decideCapacity(c, w, lambda), w, lambda, c);
        expect(Math.abs(r - (chosen - ideal))).toBeLessThanOrEqual(1e-11 * chosen);
      }),
      { numRuns: 1000 },
    );
  });

  it("is 0 when the forecast equals the truth", () => {
    fc.assert(
      fc.property(num(-1, 1000), num(-1, 1000), num(0.01, 1000), (c, w, lambda) => {
        expect(datacenterRegret(c, c, w, lambda)).toBe(0);
      }),
    );
  });

  it("floors ĉ, c and w at 0.01", () => {
    expect(datacenterRegret(-3, 0, 5, 2)).toBe(0); // both floored to 0.01
    expect(datacenterRegret(0, 4, 5, 2)).toBe(datacenterRegret(0.01, 4, 5, 2));
    expect(datacenterRegret(4, -2, 5, 2)).toBe(datacenterRegret(4, 0.01, 5, 2));
    expect(datacenterRegret(4, 1, 0, 2)).toBe(datacenterRegret(4, 1, 0.01, 2));
    expect(datacenterRegret(4, 1, -9, 2)).toBeCloseTo(Math.sqrt(2 * 0.01) * 0.5, 15);
  });

  it("rejects λ ≤ 0", () => {
    expect(() => datacenterRegret(1, 2, 1, -2)).toThrow(InputError);
  });
});
