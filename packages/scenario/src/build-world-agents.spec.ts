import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MixedPopulation } from "@equitable/core";
import { EvPopulation } from "@equitable/agents-ev";
import { PhonePopulation } from "@equitable/agents-phone";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { minMaxScale, syntheticSignals, timeOfUseTariff } from "@equitable/data";
import { buildWorld, loadScenario, modelSpecOf, parseScenario } from "./index.js";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { inputError, tinyScenarioValue } from "./spec-fixtures.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const scenariosDir = path.resolve(here, "../../../scenarios");

const evGroup = { type: "ev", count: 4, demand: "similar" };
const phoneGroup = { type: "phone", count: 3, kMin: 2, kMax: 5 };
const dcGroup = { type: "datacenter", count: 2, lambda: "same", demand: "similar" };

describe("buildWorld with EV, phone and mixed agents", () => {
  it("gives EVs and phones two ξ values each and mixes kinds in column order", () => {
    const w = buildWorld(parseScenario(tinyScenarioValue({ horizon: 12, agents: [dcGroup, evGroup, phoneGroup] })));
    expect(w.population).toBeInstanceOf(MixedPopulation);
    const parts = (w.population as MixedPopulation).parts;
    expect(parts.map((p) => [p.population.constructor, p.first, p.count])).toEqual([
      [DatacenterPopulation, 0, 2], [EvPopulation, 2, 4], [PhonePopulation, 6, 3],
    ]);
    const { size, agents, xiWidth } = w.series;
    expect([agents, xiWidth]).toEqual([9, 2]);
    expect(w.series.xi.length).toBe(size * 9 * 2);
    for (let i = 0; i < size; i += 37) {
      const row = w.series.xi.subarray(i * 18, (i + 1) * 18);
      // EV: k = need/rate is a whole number of slots in [1, 12]; phone: k in [kMin, kMax].
      for (let j = 2; j < 6; j++) {
        const k = row[2 * j] / row[2 * j + 1];
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-3);
        expect(Math.round(k)).toBeGreaterThanOrEqual(1);
        expect(Math.round(k)).toBeLessThanOrEqual(12);
      }
      for (let j = 6; j < 9; j++) {
        expect(row[2 * j]).toBeGreaterThanOrEqual(2);
        expect(row[2 * j]).toBeLessThanOrEqual(5);
      }
    }
    // Every kind's regrets come out of one call, zero when the forecast is the truth.
    const b = 5;
    const y = w.series.y.subarray(0, b * 12);
    const regrets = w.population.regrets(y, y, w.series.xi.subarray(0, b * 18), b);
    expect(Array.from(regrets).every((r) => r === 0)).toBe(true);
    w.dispose();
  });

  it("builds E_t = carbon + η·price from the scaled parts (Eq. 13), with the tariff in local time", () => {
    const price = { kind: "tou", peakStart: 16, peakEnd: 21, peakRate: 0.5, offPeakRate: 0.2, utcOffset: -8 };
    const w = buildWorld(parseScenario(tinyScenarioValue({ horizon: 12, agents: [evGroup], signal: { priceWeight: 2, price } })));
    const carbon = minMaxScale(syntheticSignals({ hours: 300, seed: 3 }).carbon, 0, 10).values;
    const tariff = minMaxScale(timeOfUseTariff({ hours: 300, startHour: 16, peakStart: 16, peakEnd: 21, peakRate: 0.5, offPeakRate: 0.2 }), 0, 10).values;
    // Row 0's window is hours 0..11; hour 0 is 16:00 local, a peak hour.
    for (let h = 0; h < 12; h++) expect(w.series.x[h]).toBeCloseTo(carbon[h] + 2 * tariff[h], 5);
    expect(tariff[0]).toBe(10);
    w.dispose();
  });

  it("names the fields of EV and phone mistakes", () => {
    expect(inputError(() => buildWorld(parseScenario(tinyScenarioValue({ agents: [evGroup] })))).where).toBe("horizon");
    expect(inputError(() => parseScenario(tinyScenarioValue({ horizon: 4, agents: [phoneGroup] }))).where).toBe("scenario: agents[0].kMax");
    expect(inputError(() => buildWorld(parseScenario(tinyScenarioValue({ horizon: 12, agents: [evGroup], signal: { water: 1 } })))).where).toBe("signal.water");
    expect(inputError(() => parseScenario(tinyScenarioValue({ horizon: 12, agents: [evGroup], signal: { priceWeight: 1 } }))).where).toBe("scenario: signal.price");
    expect(inputError(() => parseScenario(tinyScenarioValue({ model: { kind: "transformer", dModel: 10, heads: 3 } }))).where).toBe("scenario: model.heads");
  });

  it("describes the paper's Transformer (d = 250, 10 heads by default) and a 12-slot model for the EV scenarios", async () => {
    const s = await loadScenario(path.join(scenariosDir, "ev-different-agents.json"));
    expect(modelSpecOf(s)).toMatchObject({ horizon: 12, window: 12 });
    const t = parseScenario(tinyScenarioValue({ horizon: 12, model: { kind: "transformer" } }));
    expect(modelSpecOf(t)).toEqual({ kind: "transformer", window: 12, horizon: 12, dModel: 250, heads: 10, ffHidden: 250 });
  });
});

describe("buildWorld on the real ACN sessions", () => {
  itSharedData("spreads 'different' EV agents' needs far wider than 'similar' ones (pairwise W1, kWh)", async () => {
    const s = await loadScenario(path.join(scenariosDir, "ev-different-agents.json"));
    const different = buildWorld(s, { dataDir: sharedDataDir });
    const similar = buildWorld(parseScenario({ ...s, agents: [{ ...s.agents[0], demand: "similar" }] }), { dataDir: sharedDataDir });
    const d = different.spread["agents[0]"];
    const m = similar.spread["agents[0]"];
    expect(d.max).toBeGreaterThan(2 * m.max);
    expect(different.series.agents).toBe(70);
    expect(Object.keys(different.quirks).some((k) => k.includes("missingDoneCharge"))).toBe(true);
    different.dispose();
    similar.dispose();
  }, 60_000);
});
