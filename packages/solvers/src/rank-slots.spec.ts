import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankSlots } from "./rank-slots.js";

/** Reference: indices sorted by (value, index) with an object sort. */
function reference(values: readonly number[]): number[] {
  return values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i).map((e) => e.i);
}

describe("rankSlots", () => {
  it("is the stable ascending order, on both the insertion (≤ 64) and the sort (> 64) route", () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 200 }), fc.integer({ min: 0, max: 5 }), (values, pad) => {
        const padded = [...Array<number>(pad).fill(99), ...values];
        const order = new Uint32Array(values.length + 3);
        expect(rankSlots(padded, pad, values.length, order, 3)).toBe(-1);
        expect(Array.from(order.subarray(3))).toEqual(reference(values));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("keeps ties in index order (−0 and 0 are a tie)", () => {
    const order = new Uint8Array(6);
    rankSlots([2, 1, -0, 1, 0, 2], 0, 6, order, 0);
    expect(Array.from(order)).toEqual([2, 4, 1, 3, 0, 5]);
  });

  it("returns the first non-finite slot", () => {
    const order = new Uint8Array(4);
    expect(rankSlots([1, 2, Number.NaN, Number.POSITIVE_INFINITY], 0, 4, order, 0)).toBe(2);
    const long = Array.from({ length: 100 }, (_, i) => i);
    long[70] = Number.NEGATIVE_INFINITY;
    expect(rankSlots(long, 0, 100, new Uint32Array(100), 0)).toBe(70);
  });
});
