import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { accuracyByHorizon } from "./accuracy.js";
import { planDecisions } from "./decisions.js";
import { loadForecastVintages } from "./vintages.js";
import { writeFiles } from "./spec-fixtures.js";

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("no InputError");
}

describe("loadForecastVintages, generic over the step", () => {
  it("hourly targets with a gap inside an issue: the step is inferred, the gap counted and left NaN, decisions over it skipped", () => {
    const dir = writeFiles({
      "f.csv": [
        "issued_at,target_from,forecast,actual",
        "2024-05-01 00:00,2024-05-01 01:00,1,1",
        "2024-05-01 00:00,2024-05-01 02:00,2,2",
        "2024-05-01 00:00,2024-05-01 04:00,4,4", // 03:00 missing inside the issue
        "2024-05-02 00:00,2024-05-02 01:00,1,1",
        "2024-05-02 00:00,2024-05-02 02:00,2,3",
        "2024-05-02 00:00,2024-05-02 03:00,3,3",
        "2024-05-02 00:00,2024-05-02 04:00,4,4",
        "",
      ].join("\n"),
    });
    const v = loadForecastVintages(join(dir, "f.csv"));
    expect(v.stepMs).toBe(3_600_000);
    expect(Array.from(v.issues[0].values)).toEqual([1, 2, Number.NaN, 4]);
    expect(v.quirks.stepsMissingInsideIssues).toBe(1);
    expect(v.quirks.shortIssues).toBe(1);
    // Outturns from the table's own `actual` column.
    expect(v.actuals.get(Date.parse("2024-05-02T02:00Z"))).toBe(3);
    const plan = planDecisions(v, { steps: 4, bands: [{ name: "all", leadHours: 0 }], persistenceDays: 1 });
    expect(plan.skipped.all.gapInIssue).toBe(1);
    expect(plan.skipped.all.noPersistence).toBe(1); // 05-02's persistence reads 05-01 03:00, which has no outturn
    expect(plan.rows).toBe(0);
  });

  it("an explicit step that the targets do not sit on is an InputError naming file:line", () => {
    const dir = writeFiles({ "f.csv": "issued_at,target_from,forecast\n2024-05-01T00:00Z,2024-05-01T01:00Z,1\n2024-05-01T00:00Z,2024-05-01T01:20Z,1\n" });
    const err = inputError(() => loadForecastVintages(join(dir, "f.csv"), { stepMinutes: 30 }));
    expect(err.where).toBe(`${join(dir, "f.csv")}:3`);
    expect(err.message).toContain("not on the 30-minute grid");
  });

  it("a missing column is named at line 1", () => {
    const dir = writeFiles({ "f.csv": "issued_at,target,forecast\n2024-05-01T00:00Z,2024-05-01T01:00Z,1\n" });
    expect(inputError(() => loadForecastVintages(join(dir, "f.csv"))).message).toContain(':1: missing column "target_from"');
  });

  it("unsorted or duplicated actuals are InputErrors naming file:line", () => {
    const dir = writeFiles({
      "f.csv": "issued_at,target_from,forecast\n2024-05-01T00:00Z,2024-05-01T01:00Z,1\n2024-05-01T00:00Z,2024-05-01T02:00Z,1\n",
      "dup.csv": "from,actual\n2024-05-01T01:00Z,1\n2024-05-01T01:00Z,2\n",
      "unsorted.csv": "from,actual\n2024-05-01T02:00Z,1\n2024-05-01T01:00Z,2\n",
    });
    expect(inputError(() => loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "dup.csv") })).where).toBe(`${join(dir, "dup.csv")}:3`);
    expect(inputError(() => loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "unsorted.csv") })).message).toContain("not sorted");
  });
});

describe("the NESO forecast vintages (../shared/data/forecasts)", () => {
  itSharedData("load with the README's counts and reproduce its MAE by horizon band (18.9 / 23.5 / 25.8)", () => {
    const d = join(sharedDataDir, "forecasts");
    const v = loadForecastVintages(join(d, "uk-carbon-intensity-national-forecasts.csv"), { actualsFile: join(d, "uk-carbon-intensity-national-actuals.csv") });
    expect(v.stepMs).toBe(30 * 60_000);
    expect(v.quirks.issues).toBe(148);
    expect(v.quirks.rows).toBe(14_127);
    expect(v.quirks.shortIssues).toBe(4); // 03-23 (87 rows), 03-24 (39), 06-07 (83), 06-17 (94)
    expect(v.quirks.daysWithoutIssue).toBe(7); // the README's 7 missing forecast days, each on its issue day
    const acc = accuracyByHorizon(v);
    expect(acc.map((a) => a.n)).toEqual([1738, 5017, 6604]);
    expect(acc.map((a) => Number(a.mae.toFixed(1)))).toEqual([18.9, 23.5, 25.8]);
  });
});
