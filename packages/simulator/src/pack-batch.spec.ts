import { describe, expect, it } from "vitest";
import { packBatch } from "./pack-batch.js";
import { expectedBatch, makeSeries } from "./spec-fixtures.js";

describe("packBatch", () => {
  it("gathers scattered rows in the given order", () => {
    const series = makeSeries(6);
    expect(packBatch(series, Int32Array.of(5, 0, 3))).toEqual(expectedBatch([5, 0, 3]));
  });

  it("gathers runs of consecutive rows, mixed with jumps and repeats", () => {
    const series = makeSeries(8);
    const rows = [2, 3, 4, 0, 1, 7, 7, 6];
    expect(packBatch(series, Int32Array.from(rows))).toEqual(expectedBatch(rows));
  });

  it("gathers the whole series in order", () => {
    const series = makeSeries(5, 4, 3, 6);
    const rows = [0, 1, 2, 3, 4];
    expect(packBatch(series, Int32Array.from(rows))).toEqual(expectedBatch(rows, 4, 3, 6));
  });

  it("carries every ξ feature of every agent when agents have more than one (xiWidth 2)", () => {
    const base = makeSeries(4, 3, 2, 3);
    // Feature f of agent m on tick i is 100·i + 10·m + f, so any misplaced value shows.
    const xi = Float32Array.from({ length: 4 * 3 * 2 }, (_, k) => 100 * Math.floor(k / 6) + 10 * Math.floor((k % 6) / 2) + (k % 2));
    const series = { ...base, xiWidth: 2, xi };
    const batch = packBatch(series, Int32Array.of(3, 1));
    expect(Array.from(batch.xi)).toEqual([300, 301, 310, 311, 320, 321, 100, 101, 110, 111, 120, 121]);
    expect(() => packBatch({ ...base, xiWidth: 2 }, Int32Array.of(0))).toThrow(/series.xi has length 12, expected 24/);
  });

  it("returns fresh arrays that do not alias the series", () => {
    const series = makeSeries(3);
    const batch = packBatch(series, Int32Array.of(0, 1, 2));
    expect(batch.x.buffer).not.toBe(series.x.buffer);
    batch.x[0] = -1;
    batch.xi[0] = -1;
    expect(series.x[0]).toBe(0);
    expect(series.xi[0]).toBe(1000);
  });

  it("packs an empty row list into an empty batch", () => {
    expect(packBatch(makeSeries(3), new Int32Array(0))).toEqual(expectedBatch([]));
  });

  it("rejects rows outside the series", () => {
    expect(() => packBatch(makeSeries(3), Int32Array.of(0, 5))).toThrow(/packBatch: row 5/);
  });
});
