import { describe, expect, it } from "vitest";
import { allRows, rowBatches } from "./row-batches.js";
import { expectedBatch, makeSeries, marbles } from "./spec-fixtures.js";

describe("rowBatches", () => {
  it("packs the rows batchSize at a time, keeping the remainder (marbles)", () => {
    const series = makeSeries(6);
    const tests = marbles();
    tests.run(({ expectObservable }) => {
      expectObservable(rowBatches(series, Int32Array.of(5, 1, 2, 0, 4), 2, tests, "here")).toBe("(xyz|)", {
        x: expectedBatch([5, 1]),
        y: expectedBatch([2, 0]),
        z: expectedBatch([4]),
      });
    });
  });

  it("completes at once with no rows", () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(rowBatches(makeSeries(3), new Int32Array(0), 2, undefined, "here")).toBe("|");
    });
  });

  it("validates its arguments when called", () => {
    expect(() => rowBatches(makeSeries(3), Int32Array.of(3), 2, undefined, "here")).toThrow(/here: row 3/);
    expect(() => rowBatches(makeSeries(3), Int32Array.of(0), 0, undefined, "here")).toThrow(/here: batchSize/);
  });
});

describe("allRows", () => {
  it("lists 0..n−1", () => {
    expect(allRows(4)).toEqual(Int32Array.of(0, 1, 2, 3));
    expect(allRows(0)).toEqual(new Int32Array(0));
  });
});
