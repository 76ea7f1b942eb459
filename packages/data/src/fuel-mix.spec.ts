import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { loadFuelMixSignal } from "./fuel-mix.js";

const HEADER = "timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH,avg_CI";
// Factor 1 for gas only, 0 elsewhere: the signal is then the gas share of generation.
const GAS_SHARE = { WND: 0, SUN: 0, WAT: 0, OIL: 0, NG: 1, COL: 0, NUC: 0, OTH: 0 };

function tmpCsv(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-data-")), "mix.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function caught(call: () => unknown): InputError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("loadFuelMixSignal", () => {
  it("weights factors by generation, clamps negatives and fills empty hours", () => {
    const file = tmpCsv([
      HEADER,
      "2022-01-01 00:00:00+00:00,50,0,0,0,50,0,0,0,1",
      "2022-01-01 01:00:00+00:00,,,,,,,,,",
      "2022-01-01 02:00:00+00:00,,,,0.0,,,,,",
      "2022-01-01 03:00:00+00:00,-5,0,0,0,100,0,,0,1",
      "2022-01-01 04:00:00+00:00,,,,,,,,,",
    ]);
    const { values, start, quirks } = loadFuelMixSignal(file, GAS_SHARE);
    expect(start).toBe("2022-01-01T00:00:00.000Z");
    expect(quirks).toEqual({ emptyRows: 3, negativeCells: 1, blankCells: 1 });
    // Hours 1 and 2 lie between 0.5 (hour 0) and 1 (hour 3, wind clamped to 0); hour 4 copies hour 3.
    expect(Array.from(values)).toEqual([0.5, 0.5 + 0.5 / 3, 0.5 + 1 / 3, 1, 1]);
  });

  it("names file:line and column for a non-numeric cell", () => {
    const file = tmpCsv([HEADER, "2022-01-01 00:00:00+00:00,1,1,1,1,1,1,1,1,1", "2022-01-01 01:00:00+00:00,1,1,1,1,n/a,1,1,1,1"]);
    const error = caught(() => loadFuelMixSignal(file, GAS_SHARE));
    expect(error.where).toBe(`${file}:3`);
    expect(error.message).toContain(`${file}:3`);
    expect(error.message).toContain('"NG"');
  });

  it("names file:line when finite cells overflow the hour's sum (the hour would silently be 0)", () => {
    const file = tmpCsv([HEADER, "2022-01-01 00:00:00+00:00,1,1,1,1,1,1,1,1,1", "2022-01-01 01:00:00+00:00,1,1,1,1,1e308,1e308,1,1,1"]);
    const error = caught(() => loadFuelMixSignal(file, GAS_SHARE));
    expect(error.where).toBe(`${file}:3`);
    expect(error.message).toContain("more than a float64 can hold");
  });

  it("reports a missing file by its path", () => {
    const file = path.join(tmpdir(), "equitable-data-does-not-exist", "mix.csv");
    const error = caught(() => loadFuelMixSignal(file, GAS_SHARE));
    expect(error.where).toBe(file);
    expect(error.message).toBe(`${file}: file not found`);
  });

  it("rejects a header-only file as an empty data set", () => {
    const file = tmpCsv([HEADER]);
    const error = caught(() => loadFuelMixSignal(file, GAS_SHARE));
    expect(error.where).toBe(file);
    expect(error.message).toContain("no data rows");
  });

  it("rejects a file whose hours all lack generation", () => {
    const file = tmpCsv([HEADER, "2022-01-01 00:00:00+00:00,,,,,,,,,"]);
    expect(caught(() => loadFuelMixSignal(file, GAS_SHARE)).message).toContain("no hour has any generation");
  });

  it("rejects a missing fuel column on the header line", () => {
    const file = tmpCsv(["timestamp,WND,SUN,WAT,OIL,COL,NUC,OTH", "2022-01-01 00:00:00+00:00,1,1,1,1,1,1,1"]);
    const error = caught(() => loadFuelMixSignal(file, GAS_SHARE));
    expect(error.where).toBe(`${file}:1`);
    expect(error.message).toContain('"NG"');
  });

  it("rejects a skipped hour, which would shift the time axis", () => {
    const file = tmpCsv([HEADER, "2022-01-01 00:00:00+00:00,1,1,1,1,1,1,1,1,1", "2022-01-01 02:00:00+00:00,1,1,1,1,1,1,1,1,1"]);
    expect(caught(() => loadFuelMixSignal(file, GAS_SHARE)).where).toBe(`${file}:3`);
  });

  it("reports a row with the wrong number of cells at its line", () => {
    const file = tmpCsv([HEADER, "2022-01-01 00:00:00+00:00,1,1,1,1,1,1,1,1,1", "2022-01-01 01:00:00+00:00,1,1"]);
    expect(caught(() => loadFuelMixSignal(file, GAS_SHARE)).where).toBe(`${file}:3`);
  });
});
