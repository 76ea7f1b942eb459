import { describe, expect, it } from "vitest";
import { renderSvg } from "./render-chart.js";
import { roundCharts } from "./round-charts.js";
import { formatRoundRows, parseRoundRows, type RoundCsvRow } from "./rounds-csv.js";

const row = (deployment: string, seed: number, round: number, extra: Partial<RoundCsvRow> = {}): RoundCsvRow => ({
  deployment, seed, round, hour: 7900 + 24 * round, version: round, distance: round === 0 ? Number.NaN : 0.1 / round,
  forecastMean: 6.1 + round / 10, signalMean: 6.3, baselineMean: 6.2, load: 31.5, herding: 0.55, variance: 12 - round, mean: 3.25, worst: 9 + 1 / 3, worstAgent: "ev-0-03",
  ...extra,
});

describe("rounds.csv (its one writer and one reader)", () => {
  it("round-trips every row exactly, NaN distance (round 0) and NaN herding (no load) included", () => {
    const rows = [row("plain open loop", 1, 0), row("plain open loop", 1, 1), row("plain closed loop", 2, 0, { herding: Number.NaN })];
    expect(parseRoundRows(formatRoundRows(rows), "rounds.csv")).toEqual(rows);
  });

  it("refuses a file that is not one, naming file and line", () => {
    expect(() => parseRoundRows("a,b\n1,2\n", "x.csv")).toThrow(/^x\.csv: line 1: expected the header/);
    const text = formatRoundRows([row("plain", 1, 0)]).replace(",12,", ",twelve,");
    expect(() => parseRoundRows(text, "x.csv")).toThrow(/^x\.csv:2: expected 15 fields/);
  });
});

describe("roundCharts (the closed loop's rounds as time series)", () => {
  it("draws variance, worst agent, herding and the models' distance per round, one line per deployment, averaged over seeds", async () => {
    const rows = [1, 2].flatMap((seed) => ["plain open loop", "plain closed loop"].flatMap((d) => [0, 1, 2].map((r) => row(d, seed, r))));
    const charts = roundCharts(rows);
    expect(charts.map((c) => c.name)).toEqual(["loop-variance", "loop-worst", "loop-herding", "loop-distance"]);
    // Round 0 has no distance: its points are left out rather than drawn at NaN.
    const distance = (charts[3].spec as { data: { values: { round: number }[] } }).data.values;
    expect(distance.every((v) => v.round > 0)).toBe(true);
    const svg = await renderSvg(charts[0].spec);
    expect(svg).toContain("<svg");
    expect(svg).toContain("plain closed loop");
    expect(roundCharts([])).toEqual([]);
  }, 60_000);
});
