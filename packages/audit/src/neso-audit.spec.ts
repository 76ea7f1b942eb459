import { join } from "node:path";
import { describe, expect } from "vitest";
import "@equitable/preset";
import { describeSharedData, itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { loadAuditScenario } from "./audit-scenario.js";
import { runAudit } from "./run-audit.js";

const scenarioFile = join(import.meta.dirname, "../../../scenarios/audit/neso-forecast-audit.json");

describeSharedData("the shipped NESO audit scenario on ../shared/data", () => {
  itSharedData("audits 40 EV fleets and 10 desks: short issues and missing outturns counted, the perfect forecast at 0, persistence worse than the published forecast", async () => {
    const scenario = await loadAuditScenario(scenarioFile);
    const { summary } = await runAudit(scenario, { dataDir: sharedDataDir, write: false, noRecalibration: true, resamples: 200 });
    expect(summary.groups.map((g) => g.agents.length)).toEqual([10, 10, 10, 10, 10]);
    const [day, next] = summary.decision.bands;
    // 03-24's 39-row issue cannot serve the next day; 03-23's and 06-07's cannot serve the day after either.
    expect(day.skipped.shortIssues).toEqual(["2023-03-24T23:31Z"]);
    expect(next.skipped.shortIssues).toEqual(["2023-03-23T23:31Z", "2023-03-24T23:31Z", "2023-06-07T23:31Z"]);
    expect(day.skipped.missingOutturn).toBeGreaterThan(0);
    const all = (name: string) => summary.frames.find((f) => f.forecast === name && f.band === "all")!;
    expect(all("perfect").overall.worst.value).toBe(0);
    expect(all("persistence").overall.mean.lo).toBeGreaterThan(all("published").overall.mean.hi);
  }, 120_000);
});
