import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { createDatacenterAgent } from "./datacenter-agent.js";
import { datacenterCost } from "./datacenter-cost.js";
import { datacenterRegret } from "./datacenter-regret.js";
import { decideCapacity } from "./decide-capacity.js";

describe("createDatacenterAgent (Eq. 12 agent)", () => {
  const agent = createDatacenterAgent({ id: "dc-7", lambda: 6 });

  it("horizon 1: decides, pays and regrets as the scalar functions", () => {
    expect(agent.id).toBe("dc-7");
    expect(agent.lambda).toBe(6);
    const p = agent.decide([2.5], 3);
    expect(p).toBe(decideCapacity(2.5, 3, 6));
    expect(agent.cost(p, 3, [4])).toBe(datacenterCost(p, 3, 6, 4));
    expect(agent.regret(Float32Array.of(2.5), 3, Float32Array.of(4))).toBe(datacenterRegret(2.5, 4, 3, 6));
    expect(agent.regret([2.5], 3, [4])).toBeCloseTo(agent.cost(p, 3, [4]) - agent.cost(agent.decide([4], 3), 3, [4]), 12);
  });

  it("horizon > 1: acts on the mean of the steps (paper's Table 3)", () => {
    expect(agent.decide([1, 2, 6], 3)).toBe(decideCapacity(3, 3, 6));
    expect(agent.regret([1, 2, 6], 3, [4, 4, 7])).toBe(datacenterRegret(3, 5, 3, 6));
    expect(agent.cost(10, 3, [4, 6])).toBe(datacenterCost(10, 3, 6, 5));
  });

  it("floors the mean signal and demand at 0.01", () => {
    expect(agent.decide([-1, -3], 0)).toBe(decideCapacity(0.01, 0.01, 6));
    expect(agent.regret([-5], -1, [0])).toBe(0);
  });

  it("rejects λ ≤ 0 (InputError on lambda) and empty forecasts", () => {
    expect(() => createDatacenterAgent({ id: "x", lambda: 0 })).toThrow(InputError);
    try {
      createDatacenterAgent({ id: "x", lambda: -2 });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).where).toBe("lambda");
    }
    expect(() => agent.decide([], 1)).toThrow(InputError);
    expect(() => agent.regret([1], 1, [])).toThrow(InputError);
  });
});
