import { describe, expect, it } from "vitest";
import { float64Key } from "./float64-key.js";

describe("float64Key", () => {
  it("is exact and unambiguous: bits, not printed values; arrays carry their length (for one shape of parts)", () => {
    expect(float64Key(1, [2, 3])).toBe(float64Key(1, Float64Array.of(2, 3)));
    const keys = [
      float64Key(0.1 + 0.2),
      float64Key(0.3),
      float64Key(0),
      float64Key(-0),
      float64Key([1, 2], [3]),
      float64Key([1], [2, 3]),
      float64Key([1, 2, 3]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
