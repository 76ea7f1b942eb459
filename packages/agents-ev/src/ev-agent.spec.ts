import { InputError } from "@equitable/core";
import { InfeasibleProblemError } from "@equitable/solvers";
import { describe, expect, it } from "vitest";
import { createEvAgent } from "./ev-agent.js";

describe("createEvAgent (single Eq. 13 agent)", () => {
  const agent = createEvAgent({ id: "ev-7", slots: 6 });
  const ctx = { need: 6, rate: 2 }; // k = 3

  it("decides the k cheapest forecast slots, pays ζ·Σ x·y, regrets the difference", () => {
    expect(agent.id).toBe("ev-7");
    expect(agent.slots).toBe(6);
    const x = agent.decide([5, 1, 4, 2, 3, 0], ctx);
    expect(Array.from(x)).toEqual([0, 1, 0, 1, 0, 1]);
    const truth = [1, 2, 3, 4, 5, 6];
    expect(agent.cost(x, ctx, truth)).toBe(2 * (2 + 4 + 6));
    // Truth-optimal: slots 0, 1, 2 → cost 2·6 = 12; regret 24 − 12.
    expect(agent.regret([5, 1, 4, 2, 3, 0], ctx, truth)).toBe(12);
    expect(agent.regret(truth, ctx, truth)).toBe(0);
    // The LP backend decides the same.
    const lp = createEvAgent({ id: "ev-7", slots: 6, backend: "javascript-lp-solver" });
    expect(Array.from(lp.decide([5, 1, 4, 2, 3, 0], ctx))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it("prices a schedule that breaks Σ x = k, or is not 0/1, at +Infinity", () => {
    const truth = [1, 1, 1, 1, 1, 1];
    expect(agent.cost(Float64Array.of(1, 1, 0, 0, 0, 0), ctx, truth)).toBe(Infinity);
    expect(agent.cost(Float64Array.of(1, 1, 0.5, 0.5, 0, 0), ctx, truth)).toBe(Infinity);
    expect(agent.cost(Float64Array.of(1, 1, 1, 0, 0, 0), ctx, truth)).toBe(6);
  });

  it("rejects an infeasible need, a bad rate, a NaN and a wrong horizon", () => {
    expect(() => agent.decide([0, 0, 0, 0, 0, 0], { need: 14, rate: 2 })).toThrow(InfeasibleProblemError);
    expect(() => agent.decide([0, 0, 0, 0, 0, 0], { need: 14, rate: 2 })).toThrow(/^agent ev-7: infeasible/);
    expect(() => agent.decide([0, 0, 0, 0, 0, 0], { need: -1, rate: 2 })).toThrow("agent ev-7: negative energy need -1 kWh");
    expect(() => agent.decide([0, 0, 0, 0, 0, 0], { need: 1, rate: -2 })).toThrow(InputError);
    expect(() => agent.decide([0, 0, Number.NaN, 0, 0, 0], ctx)).toThrow("agent ev-7: forecast is NaN at slot 2");
    expect(() => agent.decide([0, 0, 0], ctx)).toThrow(RangeError);
    expect(() => createEvAgent({ id: "x", slots: 0 })).toThrow(RangeError);
    expect(createEvAgent({ id: "x" }).slots).toBe(12);
  });
});
