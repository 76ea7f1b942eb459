import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { loadAzureDemand } from "./azure-demand.js";

function tmpCsv(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-data-")), "demand.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("loadAzureDemand", () => {
  itSharedData("turns the real half-hourly 2019 trace into 8640 hourly means", () => {
    const { values, start, quirks } = loadAzureDemand(path.join(sharedDataDir, "datacenter", "azure-functions-demand-2019.csv"));
    expect(values.length).toBe(8640);
    expect(start).toBe("2019-01-01T11:30:00.000Z");
    expect(quirks).toEqual({ emptyRows: 0, droppedRows: 0 });
    // Lines 2–3 (11:30, 12:00) both read 92222.29499678338; lines 4–5 are 91998.77918475843 and the next reading.
    expect(values[0]).toBeCloseTo(92222.29499678338, 9);
    expect(values.filter((v) => !(Number.isFinite(v) && v > 0)).length).toBe(0);
  });

  it("averages pairs, fills blanks and drops an odd trailing row", () => {
    const file = tmpCsv(["Time,Demand", "2019-01-01 00:00,10", "2019-01-01 00:30,20", "2019-01-01 01:00,", "2019-01-01 01:30,40", "2019-01-01 02:00,99"]);
    const { values, start, quirks } = loadAzureDemand(file);
    expect(start).toBe("2019-01-01T00:00:00.000Z");
    expect(Array.from(values)).toEqual([15, 35]);
    expect(quirks).toEqual({ emptyRows: 1, droppedRows: 1 });
  });

  it("names file:line and column for a non-numeric demand", () => {
    const file = tmpCsv(["Time,Demand", "2019-01-01 00:00,10", "2019-01-01 00:30,lots"]);
    expect(() => loadAzureDemand(file)).toThrow(InputError);
    expect(() => loadAzureDemand(file)).toThrow(`${file}:3: column "Demand"`);
  });

  it("names file:line when two finite half-hours overflow their hour's sum", () => {
    const file = tmpCsv(["Time,Demand", "2019-01-01 00:00,10", "2019-01-01 00:30,20", "2019-01-01 01:00,1e308", "2019-01-01 01:30,1e308"]);
    expect(() => loadAzureDemand(file)).toThrow(`${file}:5: column "Demand"`);
  });

  it("rejects a header-only file and a missing file", () => {
    expect(() => loadAzureDemand(tmpCsv(["Time,Demand"]))).toThrow(/no data rows/);
    const missing = path.join(tmpdir(), "equitable-data-does-not-exist.csv");
    expect(() => loadAzureDemand(missing)).toThrow(`${missing}: file not found`);
  });

  it("rejects rows that are not 30 minutes apart", () => {
    const file = tmpCsv(["Time,Demand", "2019-01-01 00:00,10", "2019-01-01 01:00,20"]);
    expect(() => loadAzureDemand(file)).toThrow(`${file}:3:`);
  });
});
