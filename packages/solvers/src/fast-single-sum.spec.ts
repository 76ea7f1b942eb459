import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { solveSingleSumFast } from "./fast-single-sum.js";
import { LP_BACKEND } from "./kind-backends.js";
import { LP_SOLVER_PRECISION } from "./linear-program.js";
import type { SingleSumProblem } from "./problems.js";
import { solve } from "./solve.js";
import { allDistinct, objectiveOf, singleSumArb } from "./spec-fixtures.js";

registerDefaultBackends();

/** Max violation of 0 ≤ x ≤ upper and of Σ x = total. */
function violation(problem: SingleSumProblem, x: Float64Array): number {
  let worst = 0;
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    worst = Math.max(worst, -x[t], x[t] - problem.upper[t]);
    sum += x[t];
  }
  return Math.max(worst, Math.abs(sum - problem.total));
}

describe("solveSingleSumFast", () => {
  it("hand-computed: cheapest slots first, up to their caps", () => {
    // Costs 3, 1, 2 with caps 1, 0.5, 2 and total 2: slot 1 takes 0.5, slot 2 the remaining 1.5.
    const p: SingleSumProblem = { kind: "single-sum", costs: [3, 1, 2], upper: [1, 0.5, 2], total: 2 };
    expect(Array.from(solveSingleSumFast(p))).toEqual([0, 0.5, 1.5]);
    // Negative costs change nothing: the sum is fixed, so it is still cheapest first (−5, −1, then
    // the uncapped 0 takes the rest).
    const q: SingleSumProblem = { kind: "single-sum", costs: [-1, -5, 0], upper: [4, 1, Number.POSITIVE_INFINITY], total: 10 };
    expect(Array.from(solveSingleSumFast(q))).toEqual([4, 1, 5]);
    expect(Array.from(solveSingleSumFast({ ...q, total: 3 }))).toEqual([2, 1, 0]);
    expect(Array.from(solveSingleSumFast({ ...q, total: 0 }))).toEqual([0, 0, 0]);
  });

  it("matches the javascript-lp-solver LP: same objective, both feasible, same x when costs are distinct", () => {
    let distinct = 0;
    fc.assert(
      fc.property(singleSumArb(1, 16), (problem) => {
        const fast = solveSingleSumFast(problem);
        const lp = solve(problem, { backend: LP_BACKEND });
        const slots = problem.costs.length;
        const scale = Math.max(1, problem.total);
        expect(violation(problem, fast)).toBeLessThanOrEqual(1e-12 * scale);
        // The LP's values are rounded to 1e-8 each.
        expect(violation(problem, lp)).toBeLessThanOrEqual(slots * LP_SOLVER_PRECISION * scale);
        let costScale = 0;
        for (let t = 0; t < slots; t++) costScale += Math.abs(problem.costs[t]);
        const gap = Math.abs(objectiveOf(problem, fast) - objectiveOf(problem, lp));
        expect(gap).toBeLessThanOrEqual((1e-9 + LP_SOLVER_PRECISION) * costScale * scale);
        // And the fast one is never the worse (it is exact; the LP is exact up to its rounding).
        expect(objectiveOf(problem, fast)).toBeLessThanOrEqual(objectiveOf(problem, lp) + (1e-9 + LP_SOLVER_PRECISION) * costScale * scale);
        if (allDistinct(problem.costs)) {
          distinct++;
          for (let t = 0; t < slots; t++) expect(Math.abs(fast[t] - lp[t])).toBeLessThanOrEqual(slots * LP_SOLVER_PRECISION * scale);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(distinct).toBeGreaterThan(50);
  });
});
