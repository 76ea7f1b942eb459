import { describe, expect, it } from "vitest";
import { clampPositive } from "./clamp-positive.js";

describe("clampPositive", () => {
  it("replaces values ≤ 0 by the floor and leaves positives alone", () => {
    const input = Float64Array.from([-2, 0, 0.005, 3]);
    expect(Array.from(clampPositive(input))).toEqual([0.01, 0.01, 0.005, 3]);
    expect(Array.from(clampPositive(input, 1))).toEqual([1, 1, 0.005, 3]);
    expect(input[0]).toBe(-2);
  });
});
