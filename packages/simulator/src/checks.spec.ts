import { describe, expect, it } from "vitest";
import { checkBatchSize, checkRows, checkSeries } from "./checks.js";
import { makeSeries } from "./spec-fixtures.js";

describe("checkSeries", () => {
  it("accepts a consistent series, including an empty one", () => {
    expect(() => checkSeries(makeSeries(4), "here")).not.toThrow();
    expect(() => checkSeries(makeSeries(0), "here")).not.toThrow();
  });

  it("names the array whose length disagrees with the dimensions", () => {
    const s = makeSeries(4);
    expect(() => checkSeries({ ...s, xi: s.xi.subarray(1) }, "here")).toThrow(/here: series\.xi has length 7, expected 8/);
    expect(() => checkSeries({ ...s, window: 2 }, "here")).toThrow(/series\.x has length 12, expected 8/);
    expect(() => checkSeries({ ...s, size: 1.5 }, "here")).toThrow(/series\.size must be a non-negative integer/);
  });
});

describe("checkRows", () => {
  it("rejects rows outside [0, N)", () => {
    const s = makeSeries(3);
    expect(() => checkRows(s, Int32Array.of(0, 2, 1), "here")).not.toThrow();
    expect(() => checkRows(s, Int32Array.of(0, 3), "here")).toThrow(/here: row 3 at position 1 is outside the series \(size 3\)/);
    expect(() => checkRows(s, Int32Array.of(-1), "here")).toThrow(RangeError);
  });
});

describe("checkBatchSize", () => {
  it("accepts positive integers only", () => {
    expect(() => checkBatchSize(1, "here")).not.toThrow();
    for (const bad of [0, -2, 1.5, Number.NaN]) expect(() => checkBatchSize(bad, "here")).toThrow(RangeError);
  });
});
