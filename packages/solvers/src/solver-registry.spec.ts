import { afterEach, describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import type { KCheapestProblem } from "./problems.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import { createSolutionCache } from "./solution-cache.js";
import { solve } from "./solve.js";
import { registerSolver, resolveSolver, solversFor, unregisterSolver } from "./solver-registry.js";
import { inputError } from "./spec-fixtures.js";

registerDefaultBackends();

const problem: KCheapestProblem = { kind: "k-cheapest", costs: [3, 1, 2, 1, 5], k: 2 };
/** A backend that answers "the first k slots" and counts its calls, so the test can see who ran. */
function firstK(name: string, priority: number) {
  const backend = {
    kind: "k-cheapest" as const,
    name,
    priority,
    calls: 0,
    solve(p: KCheapestProblem) {
      backend.calls++;
      return Uint8Array.from({ length: p.costs.length }, (_, t) => (t < p.k ? 1 : 0));
    },
  };
  return backend;
}

afterEach(() => {
  for (const name of ["test-high", "test-low", "test-tie"]) unregisterSolver("k-cheapest", name);
});

describe("solver registry", () => {
  it("lists backends by priority, highest first; equal priorities keep registration order", () => {
    registerSolver(firstK("test-low", 0.5));
    registerSolver(firstK("test-high", 10));
    registerSolver(firstK("test-tie", 2));
    expect(solversFor("k-cheapest").map((b) => [b.name, b.priority])).toEqual([
      ["test-high", 10],
      [FAST_BACKEND, 2],
      ["test-tie", 2],
      [LP_BACKEND, 1],
      ["test-low", 0.5],
    ]);
    expect(solversFor("single-sum").map((b) => b.name)).toEqual([FAST_BACKEND, LP_BACKEND]);
  });

  it("solve dispatches to the highest priority backend, or to the named one", () => {
    const high = firstK("test-high", 10);
    registerSolver(high);
    expect(Array.from(solve(problem))).toEqual([1, 1, 0, 0, 0]);
    expect(high.calls).toBe(1);
    expect(Array.from(solve(problem, { backend: FAST_BACKEND }))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(solve(problem, { backend: LP_BACKEND }))).toEqual([0, 1, 0, 1, 0]);
    expect(high.calls).toBe(1);
    expect(unregisterSolver("k-cheapest", "test-high")).toBe(true);
    expect(unregisterSolver("k-cheapest", "test-high")).toBe(false);
    expect(resolveSolver("k-cheapest").name).toBe(FAST_BACKEND);
  });

  it("validates before dispatch, so every backend reports the same error", () => {
    const high = firstK("test-high", 10);
    registerSolver(high);
    const bad = { kind: "k-cheapest" as const, costs: new Float64Array(12), k: 14 };
    for (const backend of [undefined, FAST_BACKEND, LP_BACKEND, "test-high"]) {
      const err = inputError(() => solve(bad, { backend, ref: { agent: "ev-3", instance: 17 } }));
      expect(err).toBeInstanceOf(InfeasibleProblemError);
      expect(err.message).toBe("agent ev-3, sample 17: infeasible k-cheapest problem (k = 14 > 12 slots)");
    }
    expect(high.calls).toBe(0);
  });

  it("unknown kind or backend → InputError that lists what exists", () => {
    const kind = inputError(() => solve({ kind: "knapsack", costs: [1], k: 1 } as unknown as KCheapestProblem, { ref: { agent: "a" } }));
    expect(kind.where).toBe("agent a, kind");
    expect(kind.message).toMatch(/unknown problem kind "knapsack"; known kinds: k-cheapest, single-sum/);
    const backend = inputError(() => solve(problem, { backend: "gurobi" }));
    expect(backend.where).toBe("backend");
    expect(backend.message).toMatch(/no backend "gurobi" for k-cheapest; registered: fast, javascript-lp-solver/);
  });

  it("rejects duplicate names, unknown kinds and malformed backends at registration", () => {
    registerSolver(firstK("test-high", 10));
    expect(inputError(() => registerSolver(firstK("test-high", 3))).message).toMatch(/already registered/);
    expect(inputError(() => registerSolver({ ...firstK("x", 1), kind: "knapsack" as "k-cheapest" })).where).toBe("kind");
    expect(inputError(() => registerSolver(firstK("test-low", Number.NaN))).where).toBe("backend.priority");
    expect(inputError(() => registerSolver(firstK("", 1))).where).toBe("backend.name");
    expect(solversFor("k-cheapest").map((b) => b.name)).toEqual(["test-high", FAST_BACKEND, LP_BACKEND]);
  });

  it("with a cache, an instance is solved once per backend", () => {
    const high = firstK("test-high", 10);
    registerSolver(high);
    const cache = createSolutionCache({ maxEntries: 10 });
    const first = solve(problem, { cache });
    first[4] = 1; // the caller owns its copy: this must not reach the cache
    const second = solve({ ...problem, costs: Float64Array.from(problem.costs) }, { cache });
    expect(Array.from(second)).toEqual([1, 1, 0, 0, 0]);
    expect(high.calls).toBe(1);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    // Another backend may break ties differently, so it does not see test-high's answer.
    expect(Array.from(solve(problem, { cache, backend: FAST_BACKEND }))).toEqual([0, 1, 0, 1, 0]);
    expect([cache.hits, cache.misses, cache.size]).toEqual([1, 2, 2]);
  });
});
