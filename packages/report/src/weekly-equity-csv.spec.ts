import { describe, expect, it } from "vitest";
import { formatWeekRows, parseWeekRows, type WeekRow } from "./weekly-equity-csv.js";

describe("weekly-equity.csv", () => {
  const rows: WeekRow[] = [
    { deployment: "Equitable PM q+1=3 (retrained)", seed: 1, week: 0, variance: 0.1 + 0.2, worst: 1e-9, mean: 2 / 3 },
    { deployment: "Plain PM (frozen)", seed: 2, week: 1, variance: 0, worst: 12345.678, mean: 1 },
  ];

  it("reads back exactly what it writes, numbers to the last bit", () => {
    const text = formatWeekRows(rows);
    expect(text.split("\n")[0]).toBe("deployment,seed,week,variance,worst,mean");
    expect(text.endsWith("\n")).toBe(true);
    expect(parseWeekRows(text, "w.csv")).toEqual(rows);
    expect(parseWeekRows(formatWeekRows([]), "w.csv")).toEqual([]);
  });

  it("a file of another header or a malformed line is an error naming the file and line", () => {
    expect(() => parseWeekRows("a,b\n", "w.csv")).toThrow(/w\.csv.*line 1/);
    expect(() => parseWeekRows(`${formatWeekRows(rows)}x,1,2,3\n`, "w.csv")).toThrow(/w\.csv:4/);
  });
});
