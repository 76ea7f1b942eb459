import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { kCheapestKind } from "./k-cheapest-kind.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import { solve } from "./solve.js";
import { objectiveOf } from "./spec-fixtures.js";

registerDefaultBackends();

describe("the k-cheapest kind", () => {
  it("toLinearProgram: T binary variables with the costs and one Σ x = k row", () => {
    const lp = kCheapestKind.toLinearProgram({ kind: "k-cheapest", costs: Float64Array.of(3, 1, 2), k: 2 });
    expect(lp.sense).toBe("minimize");
    expect(lp.variables).toEqual([
      { name: "x0", cost: 3, lower: 0, upper: 1, integer: true },
      { name: "x1", cost: 1, lower: 0, upper: 1, integer: true },
      { name: "x2", cost: 2, lower: 0, upper: 1, integer: true },
    ]);
    expect(lp.constraints).toEqual([{ name: "choose-k", coefficients: { x0: 1, x1: 1, x2: 1 }, equal: 2 }]);
  });

  it("both backends return a Uint8Array of the problem's length", () => {
    for (const backend of [FAST_BACKEND, LP_BACKEND]) {
      const x = solve({ kind: "k-cheapest", costs: [3, 1, 2, 1, 5], k: 3 }, { backend });
      expect(x).toBeInstanceOf(Uint8Array);
      expect(Array.from(x)).toEqual([0, 1, 1, 1, 0]);
      expect(solve({ kind: "k-cheapest", costs: [], k: 0 }, { backend })).toEqual(new Uint8Array(0));
    }
  });

  it("its instance key is (k, costs) bit for bit", () => {
    const key = kCheapestKind.instanceKey;
    expect(key({ kind: "k-cheapest", costs: [1, 2.5], k: 1 })).toBe(key({ kind: "k-cheapest", costs: Float64Array.of(1, 2.5), k: 1 }));
    expect(key({ kind: "k-cheapest", costs: [0], k: 0 })).not.toBe(key({ kind: "k-cheapest", costs: [-0], k: 0 }));
    expect(key({ kind: "k-cheapest", costs: [0, 0], k: 0 })).not.toBe(key({ kind: "k-cheapest", costs: [0, 0], k: 1 }));
  });

  it("objectiveOf is Σ costs·x", () => {
    expect(objectiveOf({ kind: "k-cheapest", costs: [3, 1, 2], k: 2 }, Uint8Array.of(0, 1, 1))).toBe(3);
  });
});
