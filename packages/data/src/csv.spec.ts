import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { numberCell, parseSimpleCsv, readCsv, readCsvRecords } from "./csv.js";

function tmpFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-data-")), "t.csv");
  writeFileSync(file, text);
  return file;
}

describe("readCsv", () => {
  it("keys cells by header and reports 1-based file lines, skipping blank lines", () => {
    const file = tmpFile("\uFEFFa, b\r\n1,2\r\n\r\n3,4\r\n");
    const table = readCsv(file, ["a", "b"]);
    expect(table.columns).toEqual(["a", "b"]);
    expect(table.rows.map((r) => [r.line, r.cells.a, r.cells.b])).toEqual([
      [2, "1", "2"],
      [4, "3", "4"],
    ]);
  });

  it("rejects an empty file, a header-only file and a missing column", () => {
    const empty = tmpFile("");
    expect(() => readCsv(empty)).toThrow(`${empty}: no data rows`);
    const headerOnly = tmpFile("a,b\n");
    expect(() => readCsv(headerOnly)).toThrow(`${headerOnly}: no data rows`);
    const noC = tmpFile("a,b\n1,2\n");
    expect(() => readCsv(noC, ["c"])).toThrow(`${noC}:1: missing column "c"`);
  });

  it("counts \"\\r\\r\\n\" as one line break, as grep and editors do", () => {
    const file = tmpFile("a,b\r\r\n1,2\r\r\n3,4\r\r\n5\r\r\n");
    expect(() => readCsv(file)).toThrow(`${file}:4:`);
    const ok = tmpFile("a,b\r\r\n1,2\r\r\n3,4\r\r\n");
    expect(readCsv(ok).rows.map((r) => [r.line, r.cells.b])).toEqual([[2, "2"], [3, "4"]]);
  });

  it("turns csv-parse errors into InputErrors at the line", () => {
    const file = tmpFile("a,b\n1,2\n3\n");
    expect(() => readCsv(file)).toThrow(InputError);
    expect(() => readCsv(file)).toThrow(`${file}:3:`);
  });
});

describe("parseSimpleCsv (readCsv's fast path)", () => {
  /** What readCsv's csv-parse path gives for the same text. */
  const viaCsvParse = (text: string) => {
    let columns: string[] = [];
    const parsed = parse(text.replace(/\r+\n/g, "\n"), {
      bom: true, skip_empty_lines: true, info: true,
      columns: (header: string[]) => (columns = header.map((n) => n.trim())),
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return { columns, rows: parsed.map(({ record, info }) => ({ line: info.lines, cells: record })) };
  };

  it("gives csv-parse's header, cells and line numbers for files without quotes", () => {
    for (const text of [
      "\uFEFFa, b\r\n1,2\r\n\r\n3,4\r\n",
      "\n\nTime,Demand\n2019-01-01 11:30,92222.29\n 2019-01-01 12:00 , 1e3 \n\n",
      "a,b,c\r\r\n1,,3\r\r\n,,\r\r\n",
      "x\n1\n2",
      "a,b\n",
    ]) {
      expect(parseSimpleCsv(text), JSON.stringify(text)).toEqual(viaCsvParse(text));
    }
  });

  it("leaves quotes, lone carriage returns, ragged rows, repeated or missing headers to csv-parse", () => {
    for (const text of ['a,b\n"1,5",2\n', "a,b\r1,2\r", "a,b\n1,2\n3\n", "a,a\n1,2\n", "", "\n\n"]) {
      expect(parseSimpleCsv(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe("readCsvRecords", () => {
  it("starts at the given line and allows ragged rows", () => {
    const file = tmpFile('PREAMBLE,"x, y"\nMORE\n1,2,3\n4,5\n');
    expect(readCsvRecords(file, 3)).toEqual([
      { line: 3, cells: ["1", "2", "3"] },
      { line: 4, cells: ["4", "5"] },
    ]);
    expect(() => readCsvRecords(file, 5)).toThrow(`${file}: no data rows`);
  });
});

describe("numberCell", () => {
  it("accepts plain decimals and reads blanks as undefined", () => {
    expect(["3130.0", "-5", "+.5", "1e3", " 7 "].map((t) => numberCell("f", 2, "c", t))).toEqual([3130, -5, 0.5, 1000, 7]);
    expect(numberCell("f", 2, "c", "")).toBeUndefined();
    expect(numberCell("f", 2, "c", undefined)).toBeUndefined();
  });

  it("rejects text Number() would accept or turn into NaN/Infinity, naming file:line and column", () => {
    for (const text of ["0x1F", "abc", "NaN", "Infinity", "1,5"]) {
      expect(() => numberCell("f.csv", 9, "NG", text)).toThrow(`f.csv:9: column "NG"`);
    }
  });

  it("rejects a decimal that overflows to Infinity, naming file:line and column", () => {
    expect(() => numberCell("f.csv", 9, "NG", "1e309")).toThrow('f.csv:9: column "NG": "1e309" is too large');
    expect(() => numberCell("f.csv", 9, "NG", "-1e309")).toThrow("f.csv:9");
    expect(numberCell("f.csv", 9, "NG", "1e308")).toBe(1e308);
  });
});
