import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { solveKCheapestFast } from "./fast-k-cheapest.js";
import { LP_BACKEND } from "./kind-backends.js";
import { solve } from "./solve.js";
import { allDistinct, kCheapestArb, objectiveOf } from "./spec-fixtures.js";

registerDefaultBackends();

const ones = (x: Uint8Array) => x.reduce((s, v) => s + v, 0);

describe("solveKCheapestFast", () => {
  it("hand-computed: the k smallest, ties to the lower slot index", () => {
    expect(Array.from(solveKCheapestFast({ kind: "k-cheapest", costs: [3, 1, 2, 1, 5], k: 2 }))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(solveKCheapestFast({ kind: "k-cheapest", costs: [2, 2, 2, 2], k: 3 }))).toEqual([1, 1, 1, 0]);
    expect(Array.from(solveKCheapestFast({ kind: "k-cheapest", costs: [-1, 4, -3], k: 0 }))).toEqual([0, 0, 0]);
    expect(Array.from(solveKCheapestFast({ kind: "k-cheapest", costs: [-1, 4, -3], k: 3 }))).toEqual([1, 1, 1]);
  });

  it("tells apart costs far below the LP solver's 1e-8 precision", () => {
    expect(Array.from(solveKCheapestFast({ kind: "k-cheapest", costs: [3e-12, 1e-12, 2e-12], k: 1 }))).toEqual([0, 1, 0]);
  });

  it("matches the javascript-lp-solver ILP: same objective, exactly k ones, same x when costs are distinct", () => {
    let distinct = 0;
    let tied = 0;
    fc.assert(
      fc.property(kCheapestArb(1, 16), (problem) => {
        const fast = solveKCheapestFast(problem);
        const lp = solve(problem, { backend: LP_BACKEND });
        expect(fast.length).toBe(problem.costs.length);
        expect(fast.every((v) => v === 0 || v === 1)).toBe(true);
        expect(ones(fast)).toBe(problem.k);
        expect(ones(lp)).toBe(problem.k);
        let scale = 0;
        for (let t = 0; t < problem.costs.length; t++) scale += Math.abs(problem.costs[t]);
        // Relative to Σ|costs|: the objective is a sum of k of them, so cancellation cannot hide an error.
        expect(Math.abs(objectiveOf(problem, fast) - objectiveOf(problem, lp))).toBeLessThanOrEqual(1e-9 * scale);
        if (allDistinct(problem.costs)) {
          distinct++;
          expect(Array.from(fast)).toEqual(Array.from(lp));
        } else {
          tied++;
        }
      }),
      { seed: 42, numRuns: 300 },
    );
    // The generator must exercise both branches for the property to mean what it says.
    expect(distinct).toBeGreaterThan(50);
    expect(tied).toBeGreaterThan(50);
  });
});
