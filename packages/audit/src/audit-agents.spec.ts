import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "@equitable/preset";
import { buildAuditAgents } from "./audit-agents.js";
import { auditForecast, perfectSource, publishedSource } from "./audit-forecast.js";
import { parseAuditScenario } from "./audit-scenario.js";
import { planDecisions } from "./decisions.js";
import { loadForecastVintages } from "./vintages.js";
import { HAND_ACTUALS, HAND_FORECASTS, writeFiles } from "./spec-fixtures.js";

const dir = writeFiles({ "f.csv": HAND_FORECASTS, "a.csv": HAND_ACTUALS });
const plan = planDecisions(loadForecastVintages(join(dir, "f.csv"), { actualsFile: join(dir, "a.csv") }), {
  steps: 2, start: "00:00", bands: [{ name: "next day", leadHours: 0 }],
});

describe("buildAuditAgents: agents of any registered kind on the published vector", () => {
  const scenario = parseAuditScenario({
    name: "kinds",
    forecasts: { table: "f.csv" },
    decision: { steps: 2 },
    agents: [
      { type: "datacenter", count: 2, lambda: "different", demand: "different" },
      { type: "ev", count: 2, demand: "similar", rate: "agent" },
      { group: "desks", type: "procurement", count: 2 },
    ],
  });

  it("builds every group with its own columns and seeded contexts (the same seed, the same ξ)", () => {
    const a = buildAuditAgents(scenario.agents, plan.days.length, plan.steps, 4);
    const b = buildAuditAgents(scenario.agents, plan.days.length, plan.steps, 4);
    expect(a.groups.map((g) => [g.name, g.kind, g.first, g.count])).toEqual([
      ["datacenter-0", "datacenter", 0, 2], ["ev-1", "ev", 2, 2], ["desks", "procurement", 4, 2],
    ]);
    expect(Array.from(a.xiByDay)).toEqual(Array.from(b.xiByDay));
    expect(a.xiByDay.length).toBe(plan.days.length * 6 * a.population.xiWidth);
  });

  it("their regrets on the published forecast are ≥ 0 and on the perfect one 0", () => {
    const agents = buildAuditAgents(scenario.agents, plan.days.length, plan.steps, 4);
    const [pub, perfect] = auditForecast(plan, agents, [publishedSource, perfectSource], { alpha: 0.2, resamples: 100, level: 0.95, seed: 1 });
    expect(Array.from(pub.agentMeans).every((v) => v >= 0)).toBe(true);
    expect(Array.from(pub.agentMeans).some((v) => v > 0)).toBe(true);
    expect(Array.from(perfect.agentMeans)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("a group field the kind refuses is named in full", () => {
    expect(() => parseAuditScenario({ ...scenario, agents: [{ type: "ev", count: 2, demand: "similar", firstSlot: 1, slots: 2 }] }, "s.json"))
      .toThrow("s.json: agents[0].slots: the charging window [1, 3) does not fit the 2-step horizon");
  });
});
