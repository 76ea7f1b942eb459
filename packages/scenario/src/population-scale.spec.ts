import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { parseScenario } from "./load-scenario.js";
import { buildWorld } from "./build-world.js";
import { estimateRunMemory } from "./run-memory.js";

const desks = (agents: unknown[], training: Record<string, unknown> = {}) => ({
  name: "desks",
  data: { source: "synthetic", hours: 200 },
  agents,
  model: { kind: "mlp", hidden: 4 },
  training: { epochs: 1, ...training },
});

function whereOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).where;
  }
  throw new Error("expected an InputError");
}

describe("scenarios of many agents", () => {
  it("accepts 100 000 procurement desks, 256 sampled per step", () => {
    const s = parseScenario(desks([{ type: "procurement", count: 100_000 }], { agentsPerStep: 256 }), "s.json");
    expect(s.agents[0].count).toBe(100_000);
    expect(s.training.agentsPerStep).toBe(256);
  });

  it("counts a step's regrets for the sampled agents only in the memory estimate", () => {
    const all = estimateRunMemory(parseScenario(desks([{ type: "procurement", count: 100_000 }], { batchSize: 1024 })));
    const sampled = estimateRunMemory(parseScenario(desks([{ type: "procurement", count: 100_000 }], { batchSize: 1024, agentsPerStep: 64 })));
    expect(sampled).toBeLessThan(all);
  });

  it("refuses a weight that is not a positive number, naming the group's field", () => {
    expect(whereOf(() => parseScenario(desks([{ type: "procurement", count: 3, weight: 0 }]), "s.json"))).toBe("s.json: agents[0].weight");
    expect(whereOf(() => parseScenario(desks([{ type: "procurement", count: 3 }, { type: "procurement", count: 2, weight: -1 }]), "s.json"))).toBe("s.json: agents[1].weight");
    expect(whereOf(() => parseScenario(desks([{ type: "procurement", count: 3 }], { agentsPerStep: 0 }), "s.json"))).toBe("s.json: training.agentsPerStep");
  });

  it("gives each agent its group's weight in the world, and none when every weight is 1", () => {
    const weighted = buildWorld(parseScenario(desks([{ type: "procurement", count: 2, weight: 500 }, { type: "procurement", count: 3 }])), { seed: 1 });
    expect(Array.from(weighted.agentWeights!)).toEqual([500, 500, 1, 1, 1]);
    weighted.dispose();
    const plain = buildWorld(parseScenario(desks([{ type: "procurement", count: 2, weight: 1 }])), { seed: 1 });
    expect(plain.agentWeights).toBeUndefined();
    plain.dispose();
  });
});
