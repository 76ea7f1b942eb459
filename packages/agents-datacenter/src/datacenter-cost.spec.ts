import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { datacenterCost } from "./datacenter-cost.js";

describe("datacenterCost (Eq. 12)", () => {
  it("is p·c + λ·w/(p − w)", () => {
    expect(datacenterCost(5, 2, 3, 1.5)).toBeCloseTo(5 * 1.5 + (3 * 2) / 3, 14);
  });

  it("is +Infinity when capacity does not exceed demand", () => {
    expect(datacenterCost(2, 2, 1, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(datacenterCost(1, 2, 1, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(datacenterCost(0.005, -3, 1, 1)).toBe(Number.POSITIVE_INFINITY); // w floored to 0.01
  });

  it("floors the true c and w at 0.01", () => {
    expect(datacenterCost(3, 1, 2, -4)).toBe(datacenterCost(3, 1, 2, 0.01));
    expect(datacenterCost(3, 0, 2, 1)).toBe(3 + (2 * 0.01) / (3 - 0.01));
  });

  it("rejects λ ≤ 0", () => {
    expect(() => datacenterCost(3, 1, 0, 1)).toThrow(InputError);
  });
});
