import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import type { Problem } from "./problems.js";
import { solveBatch } from "./solve-batch.js";
import { createSolutionCache } from "./solution-cache.js";
import { solve } from "./solve.js";
import { registerSolver, unregisterSolver } from "./solver-registry.js";
import { inputError, kCheapestArb, singleSumArb } from "./spec-fixtures.js";

registerDefaultBackends();

describe("solveBatch", () => {
  it("equals per-problem solve, mixed kinds, in input order", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(kCheapestArb(0, 12), singleSumArb(0, 12)), { maxLength: 20 }), (problems: Problem[]) => {
        const decisions = solveBatch(problems);
        expect(decisions.length).toBe(problems.length);
        problems.forEach((p, i) => expect(decisions[i]).toEqual(solve(p)));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("with a cache, identical instances are solved once", () => {
    const costs = [3, 1, 2, 1, 5];
    const problems: Problem[] = [
      { kind: "k-cheapest", costs, k: 2 },
      { kind: "k-cheapest", costs: Float64Array.from(costs), k: 2 },
      { kind: "k-cheapest", costs, k: 3 },
      { kind: "k-cheapest", costs: [...costs], k: 2 },
    ];
    const cache = createSolutionCache({ maxEntries: 16 });
    const decisions = solveBatch(problems, { cache, backend: LP_BACKEND });
    expect([cache.misses, cache.hits, cache.size]).toEqual([2, 2, 2]);
    expect(decisions.map((x) => Array.from(x))).toEqual([
      [0, 1, 0, 1, 0],
      [0, 1, 0, 1, 0],
      [0, 1, 1, 1, 0],
      [0, 1, 0, 1, 0],
    ]);
    // Distinct objects: mutating one answer leaves the others alone.
    decisions[0][0] = 1;
    expect(decisions[1][0]).toBe(0);
  });

  it("an instance repeated in the batch is solved once, even when the cache is too small to keep it", () => {
    const costs = [3, 1, 2, 1, 5];
    const problems: Problem[] = [
      { kind: "k-cheapest", costs, k: 2 },
      { kind: "single-sum", costs, upper: [1, 1, 1, 1, 1], total: 1.5 },
      { kind: "k-cheapest", costs: [...costs], k: 2 },
    ];
    const cache = createSolutionCache({ maxEntries: 1 });
    const decisions = solveBatch(problems, { cache });
    expect(decisions.map((x) => Array.from(x))).toEqual([
      [0, 1, 0, 1, 0],
      [0, 1, 0, 0.5, 0],
      [0, 1, 0, 1, 0],
    ]);
    expect(decisions[2]).not.toBe(decisions[0]);
  });

  it("a backend whose solveBatch returns the wrong number of decisions is a programming error", () => {
    registerSolver({ kind: "k-cheapest", name: "test-short", priority: 0, solve: () => new Uint8Array(0), solveBatch: () => [] });
    try {
      expect(() => solveBatch([{ kind: "k-cheapest", costs: [1], k: 1 }], { backend: "test-short" })).toThrow(
        'backend "test-short" for k-cheapest: solveBatch returned 0 decisions for 1 problems',
      );
    } finally {
      unregisterSolver("k-cheapest", "test-short");
    }
  });

  it("errors name the instance: refs when given, else the position", () => {
    const problems: Problem[] = [
      { kind: "k-cheapest", costs: [1, 2], k: 1 },
      { kind: "k-cheapest", costs: [1, 2], k: 3 },
    ];
    expect(inputError(() => solveBatch(problems)).message).toBe("sample 1: infeasible k-cheapest problem (k = 3 > 2 slots)");
    const err = inputError(() => solveBatch(problems, { refs: [undefined, { agent: "phone-4", instance: 9 }], backend: FAST_BACKEND }));
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toMatch(/^agent phone-4, sample 9: /);
    expect(inputError(() => solveBatch(problems, { refs: [] })).where).toBe("refs");
    expect(inputError(() => solveBatch(problems, { backend: "nope" })).where).toBe("sample 0, backend");
  });
});
