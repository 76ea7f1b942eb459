import { describe, expect, it } from "vitest";
import { MAX_SIMULATION_POINTS, simulationCharts, weeklyMeans } from "./simulation-charts.js";
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

describe("weeklyMeans", () => {
  it("averages each deployment's week over seeds (what the charts plot), so 2 000 seeds draw as few points as one", () => {
    const rows: WeekRow[] = [];
    for (let seed = 1; seed <= 2000; seed++) for (const deployment of ["frozen", "retrained"]) for (let week = 0; week < 3; week++) rows.push({ deployment, seed, week, variance: seed, worst: 2 * seed, mean: 1 });
    const points = weeklyMeans(rows);
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ deployment: "frozen", seed: 0, week: 0, variance: 1000.5, worst: 2001, mean: 1 });
    expect(simulationCharts(rows)).toHaveLength(2);
  });

  it("refuses more than MAX_SIMULATION_POINTS points, naming the limit", () => {
    const rows: WeekRow[] = Array.from({ length: MAX_SIMULATION_POINTS + 1 }, (_, week) => ({ deployment: "frozen", seed: 1, week, variance: 0, worst: 0, mean: 0 }));
    expect(() => simulationCharts(rows)).toThrow(`limit of ${MAX_SIMULATION_POINTS}`);
  });
});
