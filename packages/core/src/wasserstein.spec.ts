import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wasserstein1 } from "./wasserstein.js";

const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 });

describe("wasserstein1", () => {
  it("known values", () => {
    expect(wasserstein1([1, 2, 3], [3, 1, 2])).toBe(0);
    expect(wasserstein1([0, 1, 2], [5, 6, 7])).toBe(5);
    expect(wasserstein1([0, 1], [0])).toBeCloseTo(0.5, 15);
    expect(wasserstein1([0, 1, 2], [0, 2])).toBeCloseTo(1 / 3, 15);
    expect(() => wasserstein1([], [1])).toThrow(RangeError);
  });

  it("is symmetric, shift-equivariant and agrees between equal- and unequal-length paths", () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -50, max: 50, noNaN: true }), (a, b, d) => {
        const w = wasserstein1(a, b);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(wasserstein1(b, a)).toBeCloseTo(w, 9);
        expect(wasserstein1(a, [...b, ...b])).toBeCloseTo(w, 9); // same distribution, other length
        expect(wasserstein1(a, a.map((v) => v + d))).toBeCloseTo(Math.abs(d), 9);
      }),
    );
  });

  it("satisfies the triangle inequality", () => {
    fc.assert(
      fc.property(sample, sample, sample, (a, b, c) => {
        expect(wasserstein1(a, c)).toBeLessThanOrEqual(wasserstein1(a, b) + wasserstein1(b, c) + 1e-9);
      }),
    );
  });
});
