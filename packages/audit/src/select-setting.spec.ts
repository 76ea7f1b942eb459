import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "@equitable/preset";
import * as tf from "@equitable/core/tf";
import { ProcurementPopulation } from "@equitable/agents-procurement";
import type { AuditAgents } from "./audit-agents.js";
import { parseAuditScenario, type RecalibrationSettings } from "./audit-scenario.js";
import { planDecisions, type DecisionPlan } from "./decisions.js";
import { candidateSettings, recalibrate, splitByDays, splitTrainingDays } from "./recalibrate.js";
import { loadForecastVintages } from "./vintages.js";
import { writeFiles } from "./spec-fixtures.js";

// A synthetic table: 16 days of 4 hourly targets, each issued 23:30 the evening before; the published
// forecast is biased by step (+6, −3, +2, −4) with a small deterministic wobble, so the recalibration has
// something to learn and candidates differ.
function syntheticTables(days: number): { forecasts: string; actuals: string } {
  const f = ["issued_at,target_from,forecast"];
  const a = ["from,actual"];
  const bias = [6, -3, 2, -4];
  const at = (d: number, hour: number) => new Date(Date.UTC(2024, 0, 1 + d, hour)).toISOString().replace(":00.000Z", "Z");
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < 4; k++) {
      const actual = 40 + 10 * Math.sin(d * 1.3 + k) + 3 * ((d * 7 + k * 3) % 5);
      a.push(`${at(d, k)},${actual.toFixed(2)}`);
      if (d > 0) f.push(`${new Date(Date.UTC(2024, 0, d, 23, 30)).toISOString().replace(":00.000Z", "Z")},${at(d, k)},${(actual + bias[k] + ((d * 5 + k) % 3) - 1).toFixed(2)}`);
    }
  }
  return { forecasts: `${f.join("\n")}\n`, actuals: `${a.join("\n")}\n` };
}

const tables = syntheticTables(16);
const dir = writeFiles({ "f.csv": tables.forecasts, "a.csv": tables.actuals });
const plan = planDecisions(loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "a.csv") }), {
  steps: 4, start: "00:00", bands: [{ name: "next day", leadHours: 0 }],
});
const agents: AuditAgents = {
  population: new ProcurementPopulation({ under: [1, 3, 1], over: [1, 1, 4], ids: ["a", "b", "c"] }),
  ids: ["a", "b", "c"],
  groups: [{ name: "desks", kind: "procurement", first: 0, count: 3 }],
  xiByDay: new Float32Array(3 * plan.days.length).fill(1),
  quirks: {},
};
const settings: RecalibrationSettings = {
  trainFraction: 0.67, validationFraction: 0.25, seeds: [1], methods: ["plain", "equitable"], q: 2, beta: 0, epochs: 6,
  learningRate: 0.02, batchSize: 4, warmStart: true,
  grid: { equitable: { q: [1, 2], beta: [0, 0.5], warmStart: [false, true] } },
};

/** The plan with the outturns of `rows` replaced (their forecasts and persistence kept). */
function withTruth(p: DecisionPlan, rows: Int32Array, f: (v: number, k: number) => number): DecisionPlan {
  const truth = Float64Array.from(p.truth);
  for (const r of rows) for (let k = 0; k < p.steps; k++) truth[r * p.steps + k] = f(truth[r * p.steps + k], k);
  return { ...p, truth };
}

describe("choosing each method's setting on validation days inside the training days", () => {
  const { train, test } = splitByDays(plan, settings.trainFraction);
  const { inner, validation } = splitTrainingDays(plan, train, settings.validationFraction);

  it("splits chronologically: inner-training days, then validation days, then test days", () => {
    expect([inner.length, validation.length, test.length]).toEqual([7, 3, 5]);
    expect(plan.day[inner[inner.length - 1]]).toBeLessThan(plan.day[validation[0]]);
    expect(plan.day[validation[validation.length - 1]]).toBeLessThan(plan.day[test[0]]);
    // q is the paper's q (exponent q + 1); Plain has no q, β or warm start.
    expect(candidateSettings("equitable", settings)).toHaveLength(8);
    expect(candidateSettings("plain", settings)).toEqual([{ q: null, beta: null, warmStart: false, epochs: 6 }]);
  });

  it("picks the candidate with the lowest validation figure, each figure the same as that candidate's alone", async () => {
    const a = await recalibrate(plan, agents, settings, { alpha: 0.34 });
    const eq = a.selections.find((s) => s.method === "equitable")!;
    expect(eq.criterion).toBe("worst-α regret");
    expect(a.selections.find((s) => s.method === "plain")!.criterion).toBe("MSE");
    const figures = eq.candidates.map((c) => c.validation);
    // The grid is not degenerate: candidates score differently.
    expect(new Set(figures).size).toBeGreaterThan(1);
    expect(figures[eq.chosen]).toBe(Math.min(...figures));
    expect(a.forecasts.find((f) => f.method === "equitable")!.setting).toEqual(eq.candidates[eq.chosen].setting);
    // A grid of one candidate scores it the same (same seed, same inner rows): the figure is that setting's own.
    for (const k of [eq.chosen, (eq.chosen + 3) % figures.length]) {
      const c = eq.candidates[k].setting;
      const one = await recalibrate(plan, agents, { ...settings, grid: { equitable: { q: [c.q!], beta: [c.beta!], warmStart: [c.warmStart] } } }, { alpha: 0.34 });
      expect(one.selections.find((s) => s.method === "equitable")!.candidates[0].validation).toBe(figures[k]);
    }
  });

  it("never reads the test days' outturns: perturbing them leaves every validation figure and choice unchanged", async () => {
    const a = await recalibrate(plan, agents, settings, { alpha: 0.34 });
    const before = tf.memory().numTensors;
    const b = await recalibrate(withTruth(plan, test, (v, k) => (k % 2 ? 3 * v + 50 : -v)), agents, settings, { alpha: 0.34 });
    // Training and scoring 9 candidates and 2 final layers leaves no tensor behind.
    expect(tf.memory().numTensors).toBe(before);
    expect(b.selections).toEqual(a.selections);
    // …and the retrained layers' forecasts of the test days too (training reads training days only).
    a.forecasts.forEach((f, k) => expect(Array.from(b.forecasts[k].forecast(plan, test))).toEqual(Array.from(f.forecast(plan, test))));
    // A control: the same perturbation of the validation days' outturns does change the figures.
    const c = await recalibrate(withTruth(plan, validation, (v, k) => (k % 2 ? 3 * v + 50 : -v)), agents, settings, { alpha: 0.34 });
    expect(c.selections.map((s) => s.candidates.map((x) => x.validation))).not.toEqual(a.selections.map((s) => s.candidates.map((x) => x.validation)));
  });
});

describe("the scenario's recalibration grid", () => {
  const base = {
    name: "g", forecasts: { table: "f.csv" }, decision: { steps: 4 },
    agents: [{ type: "procurement", count: 2, ratioMin: 0.5, ratioMax: 2 }],
  };
  it("is refused for a method the recalibration does not train, and for a warm start without Plain, naming the field", () => {
    expect(() => parseAuditScenario({ ...base, recalibration: { methods: ["plain", "equitable"], grid: { irw: { beta: [0] } } } }, "s.json"))
      .toThrow(/s\.json: recalibration\.grid\.irw.*not among recalibration\.methods/);
    expect(() => parseAuditScenario({ ...base, recalibration: { methods: ["equitable"], warmStart: false, grid: { equitable: { warmStart: [false, true] } } } }, "s.json"))
      .toThrow(/s\.json: recalibration\.grid\.equitable\.warmStart/);
    const ok = parseAuditScenario({ ...base, recalibration: { grid: { equitable: { q: [2, 9], beta: [0, 0.5] } } } }, "s.json");
    expect(ok.recalibration!.validationFraction).toBe(0.25);
    expect(candidateSettings("equitable", ok.recalibration!).map((c) => [c.q, c.beta])).toEqual([[2, 0], [2, 0.5], [9, 0], [9, 0.5]]);
  });
});
