import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import { singleSumKind } from "./single-sum-kind.js";
import { solve } from "./solve.js";
import { objectiveOf } from "./spec-fixtures.js";

registerDefaultBackends();

describe("the single-sum kind", () => {
  it("toLinearProgram: continuous variables capped by upper and one Σ x = total row", () => {
    const lp = singleSumKind.toLinearProgram({ kind: "single-sum", costs: [5, -1], upper: [2, Number.POSITIVE_INFINITY], total: 1.5 });
    expect(lp.variables).toEqual([
      { name: "x0", cost: 5, lower: 0, upper: 2 },
      { name: "x1", cost: -1, lower: 0, upper: Number.POSITIVE_INFINITY },
    ]);
    expect(lp.variables.every((v) => !("integer" in v))).toBe(true);
    expect(lp.constraints).toEqual([{ name: "total", coefficients: { x0: 1, x1: 1 }, equal: 1.5 }]);
  });

  it("both backends return a Float64Array of the problem's length", () => {
    for (const backend of [FAST_BACKEND, LP_BACKEND]) {
      const y = solve({ kind: "single-sum", costs: [3, 1, 2], upper: [1, 0.5, 2], total: 2 }, { backend });
      expect(y).toBeInstanceOf(Float64Array);
      expect(Array.from(y)).toEqual([0, 0.5, 1.5]);
    }
  });

  it("its instance key tells apart a change in total, costs or upper", () => {
    const base = { kind: "single-sum" as const, costs: [0, 0], upper: [1, 1], total: 1 };
    const keys = [base, { ...base, upper: [1, 2] }, { ...base, total: 0 }, { ...base, costs: [0, 1] }].map((p) => singleSumKind.instanceKey(p));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("objectiveOf is Σ costs·x", () => {
    expect(objectiveOf({ kind: "single-sum", costs: [3, 1, 2], upper: [1, 1, 1], total: 1 }, [0.5, 0.25, 0])).toBe(1.75);
  });
});
