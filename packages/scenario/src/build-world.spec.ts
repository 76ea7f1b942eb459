import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { minMaxScale, syntheticSignals } from "@equitable/data";
import type { DatacenterPopulation } from "@equitable/agents-datacenter";
import { buildWorld, loadScenario, parseScenario, type Scenario, type World } from "./index.js";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { inputError, tinyScenarioValue } from "./spec-fixtures.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const scenariosDir = path.resolve(here, "../../../scenarios");

function tiny(extra: Record<string, unknown> = {}): Scenario {
  return parseScenario(tinyScenarioValue(extra));
}

function arrays(w: World) {
  return { t: w.series.t, x: w.series.x, y: w.series.y, xi: w.series.xi, train: w.train, test: w.test };
}

describe("buildWorld on synthetic data", () => {
  it("has consistent shapes: x = size×window, y = size×horizon, xi = size×agents, train + test = size", () => {
    const w = buildWorld(tiny());
    const { size, window, horizon, agents } = w.series;
    expect(size).toBe(300 - 12 - 1 + 1);
    expect(window).toBe(12);
    expect(horizon).toBe(1);
    expect(agents).toBe(5);
    expect(w.series.x.length).toBe(size * window);
    expect(w.series.y.length).toBe(size * horizon);
    expect(w.series.t.length).toBe(size);
    expect(w.series.xi.length).toBe(size * agents);
    expect(w.train.length + w.test.length).toBe(size);
    expect(w.train.length).toBe(Math.floor(size * 0.67));
    expect(w.population.ids.length).toBe(5);
    expect(Array.from((w.population as DatacenterPopulation).lambdas)).toEqual([2, 4, 6, 8, 10]);
    expect(new Set(w.population.ids).size).toBe(5);
    expect(w.quirks).toEqual({});
    w.dispose();
  });

  it("splits chronologically: every train row comes before every test row, together covering all rows once", () => {
    const w = buildWorld(tiny());
    const all = [...w.train, ...w.test];
    expect(all).toEqual(Array.from({ length: w.series.size }, (_, i) => i));
    const lastTrainHour = w.series.t[w.train[w.train.length - 1]];
    const firstTestHour = w.series.t[w.test[0]];
    expect(lastTrainHour).toBeLessThan(firstTestHour);
    w.dispose();
  });

  it("uses horizon for y and shrinks size accordingly", () => {
    const w = buildWorld(tiny({ window: 6, horizon: 3 }));
    expect(w.series.size).toBe(300 - 6 - 3 + 1);
    expect(w.series.y.length).toBe(w.series.size * 3);
    expect(w.series.x.length).toBe(w.series.size * 6);
    w.dispose();
  });

  it("lines windows, targets and ξ up with the predicted hour, on the [0, 10] scale", () => {
    // "similar" demand with no perturbation: agent 0's ξ is the scaled trace at the predicted hour itself.
    const s = tiny({ agents: [{ type: "datacenter", count: 3, lambda: "same", demand: "similar" }] });
    const w = buildWorld(s);
    const raw = syntheticSignals({ hours: 300, seed: 3 });
    const carbon = minMaxScale(raw.carbon, 0, 10).values;
    const demand = minMaxScale(raw.demand, 0, 10).values;
    const m = w.series.agents;
    for (const i of [0, 1, 100, w.series.size - 1]) {
      const hour = w.series.t[i];
      expect(hour).toBe(i + 12);
      expect(w.series.y[i]).toBe(Math.fround(carbon[hour]));
      expect(w.series.x[i * 12 + 11]).toBe(Math.fround(carbon[hour - 1]));
      expect(w.series.x[i * 12]).toBe(Math.fround(carbon[hour - 12]));
      expect(w.series.xi[i * m]).toBe(Math.fround(demand[hour]));
    }
    expect(Math.min(...w.series.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...w.series.x)).toBeLessThanOrEqual(10);
    w.dispose();
  });

  it("is deterministic: the same seed gives identical arrays", () => {
    const a = buildWorld(tiny());
    const b = buildWorld(tiny());
    const c = buildWorld(tiny({ seed: 99 }), { seed: 3 });
    expect(arrays(b)).toEqual(arrays(a));
    expect(arrays(c)).toEqual(arrays(a));
    for (const w of [a, b, c]) w.dispose();
  });

  it("changes with the seed: a different seed gives different series and ξ", () => {
    const a = buildWorld(tiny());
    const b = buildWorld(tiny(), { seed: 4 });
    expect(b.series.size).toBe(a.series.size);
    expect(Array.from(b.series.x)).not.toEqual(Array.from(a.series.x));
    expect(Array.from(b.series.xi)).not.toEqual(Array.from(a.series.xi));
    a.dispose();
    b.dispose();
  });

  it("concatenates agent groups: columns, λ and ids in group order", () => {
    const w = buildWorld(
      tiny({
        agents: [
          { type: "datacenter", count: 2, lambda: [3, 5], demand: "similar" },
          { type: "datacenter", count: 3, lambda: "different", demand: "different", perturbed: 1 },
        ],
      }),
    );
    expect(w.series.agents).toBe(5);
    expect(w.series.xi.length).toBe(w.series.size * 5);
    expect(Array.from((w.population as DatacenterPopulation).lambdas)).toEqual([3, 5, 2, 4, 6]);
    expect(w.population.ids).toEqual(["datacenter-0-00", "datacenter-0-01", "datacenter-1-00", "datacenter-1-01", "datacenter-1-02"]);
    expect(w.series.xi.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    w.dispose();
  });

  it("names agents[g].lambda when an explicit list does not match the count", () => {
    const s = tiny({ agents: [{ type: "datacenter", count: 3, lambda: [2, 4], demand: "similar" }] });
    const err = inputError(() => buildWorld(s));
    expect(err.where).toBe("agents[0].lambda");
    expect(err.message).toContain("2 values for 3 agents");
  });

  it("names window when the window does not fit in the series", () => {
    const err = inputError(() => buildWorld(tiny({ data: { source: "synthetic", hours: 30 }, window: 50 })));
    expect(err.where).toBe("window");
    expect(err.message).toContain("30");
  });

  it("names agents[g].count when there are more agents than demand hours", () => {
    const s = tiny({ data: { source: "synthetic", hours: 30 }, agents: [{ type: "datacenter", count: 40, lambda: "same", demand: "similar" }] });
    const err = inputError(() => buildWorld(s));
    expect(err.where).toBe("agents[0].count");
    expect(err.message).toContain("40 agents");
  });
});

describe("buildWorld on the real CISO and Azure files", () => {
  itSharedData("builds the 'different agents, different λ' scenario: 50 agents, λ 2..100, 3 empty carbon rows", async () => {
    const s = await loadScenario(path.join(scenariosDir, "datacenter-different-agents-different-lambda.json"));
    const w = buildWorld(s, { dataDir: sharedDataDir });
    const { size, agents } = w.series;
    expect(agents).toBe(50);
    expect(size).toBe(8760 - 12);
    expect(w.series.x.length).toBe(size * 12);
    expect(w.series.xi.length).toBe(size * 50);
    expect(w.train.length).toBe(Math.floor(size * 0.67));
    expect(w.train.length + w.test.length).toBe(size);
    expect(Array.from((w.population as DatacenterPopulation).lambdas)).toEqual(Array.from({ length: 50 }, (_, j) => 2 * (j + 1)));
    expect(w.quirks).toEqual({ "carbon/eia-fuelmix-CISO-2022.csv: emptyRows": 3 });
    expect(w.series.x.every((v) => v >= 0 && v <= 10)).toBe(true);
    expect(w.series.xi.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    w.dispose();
  });

  it("refuses a real-data scenario without a data directory, naming --data-dir", async () => {
    const s = await loadScenario(path.join(scenariosDir, "datacenter-different-agents-different-lambda.json"));
    const err = inputError(() => buildWorld(s));
    expect(err.where).toBe("--data-dir");
    expect(err.message).toContain("--data-dir");
  });

  it("names the missing file when the data directory lacks it", () => {
    const s = tiny({ data: { source: "real", carbon: "carbon/none.csv", demand: "datacenter/none.csv" } });
    const err = inputError(() => buildWorld(s, { dataDir: path.join(sharedDataDir, "no-such-dir") }));
    expect(err.message).toContain("carbon/none.csv");
    expect(err.message).toContain("not found");
  });
});
