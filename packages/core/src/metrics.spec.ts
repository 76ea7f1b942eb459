import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { c95MinusC5, equityMetrics, hNorm, jain, mean, mse, percentile, variance, worst, worstAlpha } from "./metrics.js";

describe("equity metrics on hand-computed cases", () => {
  const c = [1, 2, 3, 4];

  it("mean and population variance", () => {
    expect(mean(c)).toBe(2.5);
    // ((1.5)² + (0.5)² + (0.5)² + (1.5)²) / 4 = 5 / 4
    expect(variance(c)).toBe(1.25);
    expect(variance([7, 7, 7])).toBe(0);
  });

  it("percentiles interpolate linearly between order statistics (numpy's default)", () => {
    // rank = p/100·(n−1): 95 → 2.85 → 3 + 0.85·(4−3); 5 → 0.15 → 1 + 0.15·1
    expect(percentile([4, 1, 3, 2], 95)).toBeCloseTo(3.85, 12);
    expect(percentile(c, 5)).toBeCloseTo(1.15, 12);
    expect(c95MinusC5(c)).toBeCloseTo(2.7, 12);
    expect(percentile([10], 50)).toBe(10);
    expect(percentile(c, 0)).toBe(1);
    expect(percentile(c, 100)).toBe(4);
  });

  it("H_norm is 1 for equal regrets, 0 when one agent carries all, and Eq. 7 / log M between", () => {
    expect(hNorm([2, 2, 2, 2])).toBeCloseTo(1, 12);
    expect(hNorm([0, 0, 5, 0])).toBe(0);
    const p = [1 / 4, 3 / 4];
    expect(hNorm([1, 3])).toBeCloseTo(-(p[0] * Math.log(p[0]) + p[1] * Math.log(p[1])) / Math.log(2), 12);
  });

  it("worstAlpha averages the worst ⌈α·M⌉ agents: 1/M gives the worst, 1 the mean", () => {
    const c = [0.3, 0.9, 0.1, 0.5, 0.7];
    expect(worstAlpha(c, 0.2)).toBe(0.9);
    expect(worstAlpha(c, 0.4)).toBeCloseTo(0.8, 12);
    expect(worstAlpha(c, 0.41)).toBeCloseTo(0.7, 12); // ⌈2.05⌉ = 3 agents
    expect(worstAlpha(c, 1)).toBeCloseTo(mean(c), 12);
    expect(() => worstAlpha(c, 0)).toThrow(/alpha/);
  });

  it("worst agent and Jain's index", () => {
    expect(worst([0.3, 0.9, 0.1])).toBe(0.9);
    expect(jain([1, 1, 1, 1])).toBe(1);
    expect(jain([1, 0, 0, 0])).toBe(0.25);
    // (1+2+3+4)² / (4·(1+4+9+16)) = 100 / 120
    expect(jain(c)).toBeCloseTo(100 / 120, 12);
  });

  it("MSE, and a length mismatch is refused", () => {
    expect(mse([1, 2, 3], [1, 4, 0])).toBeCloseTo((0 + 4 + 9) / 3, 12);
    expect(() => mse([1], [1, 2])).toThrow(RangeError);
  });

  it("equityMetrics bundles them", () => {
    expect(equityMetrics(c)).toEqual({
      variance: 1.25, mean: 2.5, c95MinusC5: c95MinusC5(c), hNorm: hNorm(c), worst: 4, jain: jain(c), worstAlpha: 4, alpha: 0.2,
    });
  });
});

describe("metric properties", () => {
  const regrets = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 });

  it("scaling all regrets by s scales variance by s² and leaves H_norm and Jain unchanged", () => {
    fc.assert(
      fc.property(regrets, fc.double({ min: 0.1, max: 10, noNaN: true }), (r, s) => {
        const scaled = r.map((v) => v * s);
        expect(variance(scaled)).toBeCloseTo(variance(r) * s * s, 6);
        if (r.some((v) => v > 1e-9)) {
          expect(hNorm(scaled)).toBeCloseTo(hNorm(r), 9);
          expect(jain(scaled)).toBeCloseTo(jain(r), 9);
        }
      }),
    );
  });

  it("H_norm and Jain stay in their ranges and C95−C5 ≥ 0", () => {
    fc.assert(
      fc.property(regrets, (r) => {
        const h = hNorm(r);
        expect(h).toBeGreaterThanOrEqual(-1e-12);
        expect(h).toBeLessThanOrEqual(1 + 1e-12);
        expect(jain(r)).toBeLessThanOrEqual(1 + 1e-12);
        expect(jain(r)).toBeGreaterThanOrEqual(1 / r.length - 1e-12);
        expect(c95MinusC5(r)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
