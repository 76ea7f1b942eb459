import { describe, expect, it } from "vitest";
import { fillGaps } from "./fill-gaps.js";

const flags = (...f: number[]) => Uint8Array.from(f);

describe("fillGaps", () => {
  it("interpolates linearly between the nearest present neighbours", () => {
    const v = Float64Array.from([1, 0, 0, 7, 9]);
    expect(fillGaps(v, flags(0, 1, 1, 0, 0))).toBe(2);
    expect(Array.from(v)).toEqual([1, 3, 5, 7, 9]);
  });

  it("copies the nearest present value at both edges", () => {
    const v = Float64Array.from([NaN, NaN, 4, 6, NaN]);
    expect(fillGaps(v, flags(1, 1, 0, 0, 1))).toBe(3);
    expect(Array.from(v)).toEqual([4, 4, 4, 6, 6]);
  });

  it("leaves a complete series untouched", () => {
    const v = Float64Array.from([2, 3]);
    expect(fillGaps(v, flags(0, 0))).toBe(0);
    expect(Array.from(v)).toEqual([2, 3]);
  });

  it("refuses a series with nothing present", () => {
    expect(() => fillGaps(Float64Array.from([1, 2]), flags(1, 1))).toThrow(RangeError);
  });
});
