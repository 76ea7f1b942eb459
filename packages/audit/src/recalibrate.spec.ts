import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "@equitable/preset";
import * as tf from "@equitable/core/tf";
import { ProcurementPopulation } from "@equitable/agents-procurement";
import type { AuditAgents } from "./audit-agents.js";
import type { RecalibrationSettings } from "./audit-scenario.js";
import { planDecisions } from "./decisions.js";
import { recalibrate, splitByDays, type RecalibrationEvent } from "./recalibrate.js";
import { RecalibrationLayer } from "./recalibration-layer.js";
import { loadForecastVintages } from "./vintages.js";
import { HAND_ACTUALS, HAND_FORECASTS, writeFiles } from "./spec-fixtures.js";

const dir = writeFiles({ "f.csv": HAND_FORECASTS, "a.csv": HAND_ACTUALS });
const plan = planDecisions(loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "a.csv") }), {
  steps: 2, start: "00:00", bands: [{ name: "next day", leadHours: 0 }],
});
const agents: AuditAgents = {
  population: new ProcurementPopulation({ under: [1, 3], over: [1, 1], ids: ["a", "b"] }),
  ids: ["a", "b"],
  groups: [{ name: "desks", kind: "procurement", first: 0, count: 2 }],
  xiByDay: new Float32Array(2 * plan.days.length).fill(1),
  quirks: {},
};
const settings: RecalibrationSettings = { trainFraction: 0.67, seeds: [1, 2], methods: ["plain", "equitable", "irw"], q: 2, beta: 0, epochs: 4, learningRate: 0.01, batchSize: 2, warmStart: true, validationFraction: 0.5, grid: {} };

describe("the recalibration layer", () => {
  it("untrained, it is the published forecast itself", () => {
    const layer = new RecalibrationLayer(2);
    expect(Array.from(layer.predict(Float32Array.from([10, 20, 8, 16, 12, 18, 11, 22]), 2))).toEqual([10, 20, 12, 18]);
    layer.dispose();
  });
});

describe("recalibrate", () => {
  it("splits by days chronologically: the first 2 of 3 days train, the last is audited", () => {
    const { train, test, cutDay } = splitByDays(plan, 0.67);
    expect([Array.from(train), Array.from(test), cutDay]).toEqual([[0, 1], [2], "2024-01-06"]);
  });

  it("trains every method and seed through the trainer with no tensor leak, the same seed giving the same forecasts", async () => {
    const events: RecalibrationEvent[] = [];
    const a = await recalibrate(plan, agents, settings, { alpha: 0.5, onEvent: (e) => events.push(e) });
    const b = await recalibrate(plan, agents, settings, { alpha: 0.5 });
    expect(a.forecasts.map((f) => f.name)).toEqual(["plain-seed1", "plain-seed2", "equitable-seed1", "equitable-seed2", "irw-seed1", "irw-seed2"]);
    for (const label of new Set(events.map((e) => e.label))) {
      const counts = events.filter((e) => e.label === label).map((e) => e.numTensors);
      expect(new Set(counts).size, `${label}: ${counts.join(", ")}`).toBe(1);
    }
    a.forecasts.forEach((f, k) => expect(Array.from(f.forecast(plan))).toEqual(Array.from(b.forecasts[k].forecast(plan))));
    // Training moved the layer off the published forecast.
    expect(Array.from(a.forecasts[0].forecast(plan))).not.toEqual(Array.from(plan.published));
    expect(a.forecasts.find((f) => f.method === "irw")!.trainedOn).toBe("all, from the Plain layer");
    // No tensor is left behind by training, warm starts and predictions.
    const before = tf.memory().numTensors;
    await recalibrate(plan, agents, settings, { alpha: 0.5 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
