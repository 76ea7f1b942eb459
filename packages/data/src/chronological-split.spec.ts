import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { chronologicalSplit } from "./chronological-split.js";

describe("chronologicalSplit", () => {
  it("puts the first ⌊n·f⌋ rows in train and the rest in test", () => {
    const { train, test } = chronologicalSplit(10, 0.75);
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(test)).toEqual([7, 8, 9]);
  });

  it("rejects fractions outside (0, 1) and splits that leave a side empty", () => {
    for (const f of [0, 1, -0.2, 1.5, Number.NaN]) {
      expect(() => chronologicalSplit(10, f)).toThrow(InputError);
    }
    expect(() => chronologicalSplit(3, 0.2)).toThrow(/^trainFraction:/);
    expect(() => chronologicalSplit(1, 0.5)).toThrow(/^trainFraction:/);
    expect(() => chronologicalSplit(2.5, 0.5)).toThrow(/^n:/);
  });
});
