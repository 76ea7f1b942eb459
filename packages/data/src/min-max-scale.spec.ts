import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { minMaxScale } from "./min-max-scale.js";

describe("minMaxScale", () => {
  it("maps min to 0 and max to 10 by default", () => {
    const { values, min, max } = minMaxScale([2, 4, 7, 12]);
    expect(min).toBe(2);
    expect(max).toBe(12);
    expect(Array.from(values)).toEqual([0, 2, 5, 10]);
  });

  it("honours custom bounds", () => {
    expect(Array.from(minMaxScale([-1, 0, 3], 1, 5).values)).toEqual([1, 2, 5]);
  });

  it("maps a constant series to lo", () => {
    const { values, min, max } = minMaxScale([3, 3, 3], 1, 2);
    expect(Array.from(values)).toEqual([1, 1, 1]);
    expect([min, max]).toEqual([3, 3]);
  });

  it("rejects an empty series, NaN and inverted bounds", () => {
    expect(() => minMaxScale([])).toThrow(InputError);
    expect(() => minMaxScale([1, Number.NaN])).toThrow(/value 1 is NaN/);
    expect(() => minMaxScale([1, 2], 5, 5)).toThrow(InputError);
  });

  it("rejects a range that overflows, naming the series", () => {
    expect(() => minMaxScale([-1e308, 1e308], 0, 10, "data.demand")).toThrow(/^data\.demand: ranges from -1e\+308 to 1e\+308/);
  });
});
