import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { loadPriceCsv } from "./price-csv.js";

function tmpCsv(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-price-")), "price.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("loadPriceCsv", () => {
  const good = tmpCsv([
    "time,price",
    "2022-07-01T00:00:00Z,31.5",
    "2022-07-01T01:00:00Z,-2",
    "2022-07-01 02:00,28.25",
    "2022-07-01T03:00:00Z,40",
  ]);

  it("reads hourly prices in order, negative ones included, and keeps the first `hours`", () => {
    expect(Array.from(loadPriceCsv(good))).toEqual([31.5, -2, 28.25, 40]);
    expect(Array.from(loadPriceCsv(good, 2))).toEqual([31.5, -2]);
  });

  it("names file:line for a bad or blank cell", () => {
    const bad = tmpCsv(["time,price", "2022-07-01T00:00:00Z,31.5", "2022-07-01T01:00:00Z,n/a"]);
    expect(() => loadPriceCsv(bad)).toThrow(InputError);
    expect(() => loadPriceCsv(bad)).toThrow(`${bad}:3: column "price": "n/a" is not a number`);
    const blank = tmpCsv(["time,price", "2022-07-01T00:00:00Z,", "2022-07-01T01:00:00Z,1"]);
    expect(() => loadPriceCsv(blank)).toThrow(`${blank}:2: column "price": empty`);
    const stamp = tmpCsv(["time,price", "noon,1"]);
    expect(() => loadPriceCsv(stamp)).toThrow(`${stamp}:2: column "time"`);
  });

  it("rejects a gap in the hours, an empty file, too few rows and a bad `hours`", () => {
    const gap = tmpCsv(["time,price", "2022-07-01T00:00:00Z,1", "2022-07-01T02:00:00Z,1"]);
    expect(() => loadPriceCsv(gap)).toThrow(`${gap}:3:`);
    const empty = tmpCsv(["time,price"]);
    expect(() => loadPriceCsv(empty)).toThrow(`${empty}: no data rows`);
    const nothing = tmpCsv([]);
    expect(() => loadPriceCsv(nothing)).toThrow(InputError);
    expect(() => loadPriceCsv(good, 5)).toThrow(`${good}: has 4 hourly prices, fewer than the 5 hours asked for`);
    expect(() => loadPriceCsv(good, 0)).toThrow(/^hours: /);
    const noPrice = tmpCsv(["time,cost", "2022-07-01T00:00:00Z,1"]);
    expect(() => loadPriceCsv(noPrice)).toThrow(`${noPrice}:1: missing column "price"`);
  });
});
