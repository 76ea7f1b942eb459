import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { loadWorkload } from "./workload.js";

function tmpCsv(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-data-")), "load.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("loadWorkload", () => {
  itSharedData("loads the real Alibaba trace (index from 1)", () => {
    const { values, quirks } = loadWorkload(path.join(sharedDataDir, "workload", "alibaba-cpu-hourly-1.csv"));
    expect(values.length).toBe(8904);
    expect(quirks).toEqual({ emptyRows: 0 });
    expect(values[0]).toBe(0.3809444444444444);
    expect(values[8903]).toBe(0.48797222222222225);
  });

  itSharedData("loads the real Google trace (index from 0)", () => {
    const { values } = loadWorkload(path.join(sharedDataDir, "workload", "google-cluster-cpu-hourly-1.csv"));
    expect(values.length).toBe(8760);
    expect(values[0]).toBe(0.474304627);
    expect(values.filter((v) => !(v > 0 && v <= 1)).length).toBe(0);
  });

  it("fills blank loads by interpolation and counts them", () => {
    const { values, quirks } = loadWorkload(tmpCsv([",cpu_load", "0,0.2", "1,", "2,0.6"]));
    expect(Array.from(values)).toEqual([0.2, 0.4, 0.6]);
    expect(quirks).toEqual({ emptyRows: 1 });
  });

  it("names file:line and column for a non-numeric load", () => {
    const file = tmpCsv([",cpu_load", "0,0.2", "1,high"]);
    expect(() => loadWorkload(file)).toThrow(InputError);
    expect(() => loadWorkload(file)).toThrow(`${file}:3: column "cpu_load"`);
  });

  it("rejects a gap in the index, a header-only file and a missing column", () => {
    const gap = tmpCsv([",cpu_load", "0,0.2", "2,0.3"]);
    expect(() => loadWorkload(gap)).toThrow(`${gap}:3: column "index"`);
    expect(() => loadWorkload(tmpCsv([",cpu_load"]))).toThrow(/no data rows/);
    const noLoad = tmpCsv([",cpu", "0,0.2"]);
    expect(() => loadWorkload(noLoad)).toThrow(`${noLoad}:1: missing column "cpu_load"`);
  });
});
