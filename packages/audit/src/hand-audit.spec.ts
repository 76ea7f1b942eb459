import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProcurementPopulation } from "@equitable/agents-procurement";
import { auditForecast, perfectSource, persistenceSource, publishedSource, type AuditFrame } from "./audit-forecast.js";
import type { AuditAgents } from "./audit-agents.js";
import { planDecisions } from "./decisions.js";
import { loadForecastVintages } from "./vintages.js";
import { HAND_ACTUALS, HAND_FORECASTS, writeFiles } from "./spec-fixtures.js";

// Every number below is worked out by hand from spec-fixtures.ts's table (see the comments).
const dir = writeFiles({ "f.csv": HAND_FORECASTS, "a.csv": HAND_ACTUALS });
const vintages = loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "a.csv") });
const plan = planDecisions(vintages, { steps: 2, start: "00:00", bands: [{ name: "next day", leadHours: 0 }] });

// Two desks with load share 1: A at τ = 1/2 (u = o = 1), B at τ = 3/4 (u = 3, o = 1); each its own group.
const agents: AuditAgents = {
  population: new ProcurementPopulation({ under: [1, 3], over: [1, 1], ids: ["a", "b"] }),
  ids: ["a", "b"],
  groups: [{ name: "low", kind: "procurement", first: 0, count: 1 }, { name: "high", kind: "procurement", first: 1, count: 1 }],
  xiByDay: new Float32Array(2 * plan.days.length).fill(1),
  quirks: {},
};
const frames = auditForecast(plan, agents, [publishedSource, persistenceSource, perfectSource], { alpha: 0.5, resamples: 2000, level: 0.95, seed: 3 });
const frame = (name: string): AuditFrame => frames.find((f) => f.forecast === name)!;

describe("the loader on the hand-built table", () => {
  it("counts its quirks: 5 issues, 13 rows, one day without an issue, one short issue, 5 targets without an outturn", () => {
    expect(vintages.stepMs).toBe(3_600_000);
    expect(vintages.quirks).toEqual({
      issues: 5, rows: 13,
      daysWithoutIssue: 1, // issues on 01-01, 02, 04, 05, 06: 01-03 has none
      shortIssues: 1, // 01-04 23:30 has 1 row, the others 3
      stepsMissingInsideIssues: 0,
      targetsWithoutActual: 5, // 01-02 02:00, 01-03 02:00, 01-06 02:00, 01-07 00:00 (blank) and 01-07 02:00 (absent)
      conflictingActuals: 0,
    });
    expect(vintages.actuals.has(Date.parse("2024-01-07T00:00Z"))).toBe(false); // blank = missing, not 0
  });
});

describe("the decisions: the hole is absent, the short issue and the missing outturn are skipped and counted", () => {
  it("keeps the issues of 01-01, 01-02 and 01-05, deciding 01-02, 01-03 and 01-06", () => {
    expect(plan.rows).toBe(3);
    expect(plan.days).toEqual(["2024-01-02", "2024-01-03", "2024-01-06"]);
    expect(plan.skipped["next day"]).toEqual({
      shortIssue: 1, beyondIssue: 0, gapInIssue: 0, missingOutturn: 1, noPersistence: 0, shortIssues: ["2024-01-04T23:30Z"],
    });
    expect(Array.from(plan.published)).toEqual([10, 20, 12, 18, 9, 11]);
    expect(Array.from(plan.truth)).toEqual([11, 22, 10, 20, 10, 10]);
    // The same hour one day earlier, its period over by the issue: 01-01's, 01-02's, 01-05's outturns.
    expect(Array.from(plan.persistence)).toEqual([8, 16, 11, 22, 10, 10]);
    expect(Array.from(plan.leadHours)).toEqual([0.5, 1.5, 0.5, 1.5, 0.5, 1.5]);
  });
});

describe("the published forecast's audit", () => {
  // Regret = mean over the 2 steps of u·(y − ŷ)⁺ + o·(ŷ − y)⁺.
  // 01-02: y − ŷ = (1, 2):  A (1 + 2)/2 = 1.5,  B (3 + 6)/2 = 4.5
  // 01-03: y − ŷ = (−2, 2): A (2 + 2)/2 = 2,    B (2 + 6)/2 = 4
  // 01-06: y − ŷ = (1, −1): A (1 + 1)/2 = 1,    B (3 + 1)/2 = 2
  // Agents' means: A 4.5/3 = 1.5, B 10.5/3 = 3.5.
  const f = frame("published");

  it("has the agents' mean regrets 1.5 and 3.5", () => {
    expect(Array.from(f.agentMeans)).toEqual([1.5, 3.5]);
    expect([f.decisions, f.days]).toEqual([3, 3]);
  });

  it("overall: mean 2.5, variance 1, worst 3.5, worst-α (α = 1/2: one agent) 3.5, C95−C5 3.4 − 1.6, Jain 25/29, H_norm of (0.3, 0.7)", () => {
    const o = f.overall;
    expect(o.mean.value).toBeCloseTo(2.5, 12);
    expect(o.variance.value).toBeCloseTo(1, 12);
    expect(o.worst.value).toBe(3.5);
    expect(o.worstAlpha.value).toBe(3.5);
    // numpy's linear percentiles of (1.5, 3.5): 1.5 + 0.95·2 = 3.4 and 1.5 + 0.05·2 = 1.6.
    expect(o.c95MinusC5.value).toBeCloseTo(1.8, 12);
    expect(o.jain.value).toBeCloseTo(25 / 29, 12);
    expect(o.hNorm.value).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)) / Math.log(2), 12);
  });

  it("by group, difference() and ratio(): one agent a group", () => {
    expect(f.byGroup.low.mean.value).toBe(1.5);
    expect(f.byGroup.high.mean.value).toBe(3.5);
    expect(f.byGroup.high.variance.value).toBe(0);
    expect(f.byGroup.high.jain.value).toBe(1);
    expect(f.difference.mean.value).toBe(2);
    expect(f.difference.worst.value).toBe(2);
    expect(f.difference.jain.value).toBe(0);
    expect(f.ratio.mean.value).toBeCloseTo(1.5 / 3.5, 12);
    expect(f.ratio.variance.value).toBeNaN(); // 0/0: both groups have no spread
  });

  it("MSE (1 + 4 + 4 + 4 + 1 + 1)/6 = 2.5 and MAE (1 + 2 + 2 + 2 + 1 + 1)/6 = 1.5", () => {
    expect(f.mse.value).toBeCloseTo(2.5, 12);
    expect(f.mae.value).toBeCloseTo(1.5, 12);
  });

  it("bootstrap over the 3 days: the mean's interval is [1.5, 3], the all-01-06 and the 01-02/01-03-only resamples", () => {
    // Day means of the two agents: 3, 3, 1.5. A resample of all three days = 01-06 (p = 1/27 > 2.5 %) gives 1.5,
    // any resample without 01-06 (p = 8/27 > 2.5 %) gives 3; nothing lies outside [1.5, 3].
    expect(f.overall.mean.lo).toBe(1.5);
    expect(f.overall.mean.hi).toBe(3);
  });
});

describe("the baselines", () => {
  it("persistence: 01-02 y − p = (3, 6): A 4.5, B 13.5; 01-03 (−1, −2): A 1.5, B 1.5; 01-06 (0, 0): 0 — means 2 and 5, MSE 50/6", () => {
    const p = frame("persistence");
    expect(Array.from(p.agentMeans)).toEqual([2, 5]);
    expect(p.overall.mean.value).toBe(3.5);
    expect(p.overall.worst.value).toBe(5);
    expect(p.mse.value).toBeCloseTo(50 / 6, 12);
  });

  it("persistence's change against the published forecast, paired: mean +1 [−1.5, +6], worst +1.5", () => {
    // Per day, the agents' mean regret under persistence minus under the published forecast:
    // 01-02 9 − 3 = +6, 01-03 1.5 − 3 = −1.5, 01-06 0 − 1.5 = −1.5. All-01-02 (p = 1/27) gives +6, any
    // resample of 01-03 and 01-06 only (p = 8/27) −1.5: the paired interval is [−1.5, 6].
    const p = frame("persistence");
    expect(p.change!.mean).toEqual({ value: 1, lo: -1.5, hi: 6 });
    expect(p.change!.worst.value).toBe(1.5);
    expect(frame("published").change).toBeUndefined();
  });

  it("the perfect forecast: every regret, interval and error is 0", () => {
    const p = frame("perfect");
    expect(Array.from(p.agentMeans)).toEqual([0, 0]);
    for (const fig of [p.overall.mean, p.overall.worst, p.overall.worstAlpha, p.mse, p.mae]) expect([fig.value, fig.lo, fig.hi]).toEqual([0, 0, 0]);
  });
});
