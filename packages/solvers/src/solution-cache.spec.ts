import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { solveKCheapestFast } from "./fast-k-cheapest.js";
import { solveSingleSumFast } from "./fast-single-sum.js";
import { instanceKey } from "./instance-key.js";
import type { KCheapestProblem, SingleSumProblem } from "./problems.js";
import { createSolutionCache } from "./solution-cache.js";
import { inputError, kCheapestArb, singleSumArb } from "./spec-fixtures.js";

registerDefaultBackends();

const p = (costs: number[], k: number): KCheapestProblem => ({ kind: "k-cheapest", costs, k });

describe("createSolutionCache", () => {
  it("counts hits and misses and holds what was set", () => {
    const cache = createSolutionCache({ maxEntries: 4 });
    expect(cache.get(p([1, 2], 1))).toBeUndefined();
    cache.set(p([1, 2], 1), Uint8Array.of(1, 0));
    expect(cache.get(p([1, 2], 1))).toEqual(Uint8Array.of(1, 0));
    expect(cache.get(Object.freeze(p([1, 2], 1)))).toEqual(Uint8Array.of(1, 0));
    expect(cache.get(p([1, 2], 2))).toBeUndefined();
    expect(cache.get(p([1, 2], 1), "other-backend")).toBeUndefined();
    expect([cache.hits, cache.misses, cache.size, cache.maxEntries]).toEqual([2, 3, 1, 4]);
    cache.clear();
    expect([cache.hits, cache.misses, cache.size]).toEqual([0, 0, 0]);
  });

  it("evicts the least recently used entry", () => {
    const cache = createSolutionCache({ maxEntries: 2 });
    const a = p([1], 0);
    const b = p([2], 0);
    const c = p([3], 0);
    cache.set(a, Uint8Array.of(0));
    cache.set(b, Uint8Array.of(0));
    cache.get(a); // a is now more recent than b
    cache.set(c, Uint8Array.of(0));
    expect(cache.size).toBe(2);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toBeDefined();
    expect(cache.get(c)).toBeDefined();
    // Re-setting refreshes too: now a is the oldest.
    cache.set(c, Uint8Array.of(0));
    cache.set(b, Uint8Array.of(0));
    expect(cache.get(a)).toBeUndefined();
  });

  it("hands out and stores copies", () => {
    const cache = createSolutionCache({ maxEntries: 2 });
    const x = Float64Array.of(0.5, 1);
    const problem: SingleSumProblem = { kind: "single-sum", costs: [2, 1], upper: [1, 1], total: 1.5 };
    cache.set(problem, x);
    x[0] = 99;
    const got = cache.get(problem)!;
    got[1] = 99;
    expect(Array.from(cache.get(problem)!)).toEqual([0.5, 1]);
  });

  it("cached answers equal fresh ones (random problems, a small cache that evicts)", () => {
    const cache = createSolutionCache({ maxEntries: 8 });
    fc.assert(
      fc.property(fc.oneof(kCheapestArb(0, 10), singleSumArb(0, 10)), (problem) => {
        const fresh = problem.kind === "k-cheapest" ? solveKCheapestFast(problem) : solveSingleSumFast(problem);
        const cached = cache.get(problem);
        if (cached === undefined) cache.set(problem, fresh);
        else expect(cached).toEqual(fresh);
        expect(cache.size).toBeLessThanOrEqual(8);
      }),
      { seed: 42, numRuns: 500 },
    );
    expect(cache.hits).toBeGreaterThan(0); // the generators repeat small instances
  });

  it("maxEntries must be a positive integer", () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) expect(inputError(() => createSolutionCache({ maxEntries })).where).toBe("maxEntries");
  });
});

describe("instanceKey", () => {
  it("is exact: equal for equal instances whatever the array type, different for any change", () => {
    expect(instanceKey(p([1, 2.5], 1))).toBe(instanceKey({ kind: "k-cheapest", costs: Float64Array.of(1, 2.5), k: 1 }));
    const keys = [
      instanceKey(p([0.1 + 0.2], 0)),
      instanceKey(p([0.3], 0)),
      instanceKey(p([0], 0)),
      instanceKey(p([-0], 0)),
      instanceKey(p([0, 0], 0)),
      instanceKey(p([0, 0], 1)),
      instanceKey({ kind: "single-sum", costs: [0, 0], upper: [1, 1], total: 1 }),
      instanceKey({ kind: "single-sum", costs: [0, 0], upper: [1, 2], total: 1 }),
      instanceKey({ kind: "single-sum", costs: [0, 0], upper: [1, 1], total: 0 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("handles long horizons (more code units than one call's argument limit)", () => {
    const costs = Array.from({ length: 20_000 }, (_, t) => t * 0.5);
    const key = instanceKey(p(costs, 3));
    expect(key).toBe(instanceKey(p([...costs], 3)));
    costs[19_999] = 0;
    expect(instanceKey(p(costs, 3))).not.toBe(key);
  });
});
