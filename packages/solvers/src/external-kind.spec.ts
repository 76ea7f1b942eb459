// A problem kind defined outside the package, through the public API only: a 0/1 knapsack,
// registered here and nowhere else, solved through the same solve / solveBatch / cache calls as
// the built-ins.
import { InputError } from "@equitable/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSolutionCache, FAST_BACKEND, float64Key, InfeasibleProblemError, LP_BACKEND, problemKinds, registerProblemKind,
  registerSolver, solve, solveBatch, solversFor, unregisterProblemKind, whereIn,
  type KCheapestProblem, type ProblemKindSpec,
} from "./index.js";
import { inputError } from "./spec-fixtures.js";

/** max Σ values_t·x_t s.t. Σ weights_t·x_t ≤ capacity, x ∈ {0,1}^T; weights and capacity integers. */
interface KnapsackProblem {
  kind: "knapsack";
  values: ArrayLike<number>;
  weights: ArrayLike<number>;
  capacity: number;
  /** A label for reports: not part of the instance, so the kind's key leaves it out. */
  note?: string;
}

/** Exact by dynamic programming over the capacity: best[i][c] = the most value from items < i within c. */
function knapsackDp(p: KnapsackProblem): Uint8Array {
  const n = p.values.length;
  const width = p.capacity + 1;
  const best = new Float64Array((n + 1) * width);
  for (let i = 0; i < n; i++) {
    const w = p.weights[i];
    for (let c = 0; c < width; c++) {
      const skip = best[i * width + c];
      const take = w <= c ? best[i * width + c - w] + p.values[i] : Number.NEGATIVE_INFINITY;
      best[(i + 1) * width + c] = take > skip ? take : skip;
    }
  }
  const x = new Uint8Array(n);
  for (let i = n - 1, c = p.capacity; i >= 0; i--) {
    if (best[(i + 1) * width + c] !== best[i * width + c]) {
      x[i] = 1;
      c -= p.weights[i];
    }
  }
  return x;
}

/** The best value over all 2^T schedules that fit. */
function bruteBest(p: KnapsackProblem): number {
  let best = 0;
  for (let mask = 0; mask < 1 << p.values.length; mask++) {
    let value = 0;
    let weight = 0;
    for (let t = 0; t < p.values.length; t++) {
      if (mask & (1 << t)) {
        value += p.values[t];
        weight += p.weights[t];
      }
    }
    if (weight <= p.capacity && value > best) best = value;
  }
  return best;
}

const valueOf = (p: KnapsackProblem, x: ArrayLike<number>) => Array.from(x).reduce((s, v, t) => s + v * p.values[t], 0);
const weightOf = (p: KnapsackProblem, x: ArrayLike<number>) => Array.from(x).reduce((s, v, t) => s + v * p.weights[t], 0);

const calls = { keys: 0, fastSolve: 0, fastBatch: [] as number[] };
const knapsackKind: ProblemKindSpec<KnapsackProblem, Uint8Array> = {
  name: "knapsack",
  validate(p, ref) {
    const n = p.values?.length;
    if (!Number.isInteger(n)) throw new InputError(whereIn(ref, "values"), "must be an array of numbers");
    if (p.weights?.length !== n) throw new InputError(whereIn(ref, "weights"), `must have ${n} entries`);
    for (let t = 0; t < n; t++) {
      if (!Number.isFinite(p.values[t])) throw new InputError(whereIn(ref, `values[${t}]`), `must be a finite number, got ${p.values[t]}`);
      const w = p.weights[t];
      if (!Number.isInteger(w) || w < 0) throw new InputError(whereIn(ref, `weights[${t}]`), `must be an integer ≥ 0, got ${w}`);
    }
    if (!Number.isInteger(p.capacity)) throw new InputError(whereIn(ref, "capacity"), `must be an integer, got ${p.capacity}`);
    if (p.capacity < 0) throw new InfeasibleProblemError("knapsack", `capacity ${p.capacity} < 0`, ref);
  },
  instanceKey(p) {
    calls.keys++;
    return float64Key(p.capacity, p.values, p.weights);
  },
  toLinearProgram: (p) => ({
    sense: "maximize",
    variables: Array.from({ length: p.values.length }, (_, t) => ({ name: `x${t}`, cost: p.values[t], upper: 1, integer: true })),
    constraints: [{ name: "capacity", coefficients: Object.fromEntries(Array.from(p.weights, (w, t) => [`x${t}`, w])), max: p.capacity }],
  }),
  fromLinearProgram: (values) => Uint8Array.from(values),
  fast: {
    solve(p) {
      calls.fastSolve++;
      return knapsackDp(p);
    },
    solveBatch(problems) {
      calls.fastBatch.push(problems.length);
      return problems.map(knapsackDp);
    },
  },
};

const knapsackArb = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc.record({
    kind: fc.constant("knapsack" as const),
    values: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
    weights: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
    capacity: fc.integer({ min: 0, max: 20 }),
  }),
);

const resetCalls = () => {
  calls.keys = 0;
  calls.fastSolve = 0;
  calls.fastBatch = [];
};

beforeAll(() => registerProblemKind(knapsackKind));
afterAll(() => unregisterProblemKind("knapsack"));

describe("a problem kind registered from outside the package", () => {
  it("is listed with a fast backend over the LP one", () => {
    expect(problemKinds()).toContain("knapsack");
    expect(solversFor("knapsack").map((b) => [b.name, b.priority])).toEqual([
      [FAST_BACKEND, 2],
      [LP_BACKEND, 1],
    ]);
  });

  it("solveBatch (kinds mixed) reaches the optimum by both backends; the fast one gets its share in one batch call", () => {
    fc.assert(
      fc.property(fc.array(knapsackArb, { minLength: 1, maxLength: 6 }), (knapsacks) => {
        const kc: KCheapestProblem = { kind: "k-cheapest", costs: [3, 1, 2], k: 1 };
        const problems = [kc, ...knapsacks, kc];
        for (const backend of [undefined, LP_BACKEND]) {
          resetCalls();
          const decisions = solveBatch(problems, { backend });
          expect(Array.from(decisions[0])).toEqual([0, 1, 0]);
          expect(Array.from(decisions[problems.length - 1])).toEqual([0, 1, 0]);
          knapsacks.forEach((p, j) => {
            const x = decisions[j + 1];
            expect(x).toBeInstanceOf(Uint8Array);
            expect(weightOf(p, x)).toBeLessThanOrEqual(p.capacity);
            expect(valueOf(p, x)).toBe(bruteBest(p));
          });
          expect(calls.fastBatch).toEqual(backend === undefined ? [knapsacks.length] : []);
          expect(calls.fastSolve).toBe(0);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("solve uses the fast path one instance at a time, and a backend without solveBatch is looped over", () => {
    const p: KnapsackProblem = { kind: "knapsack", values: [6, 10, 12], weights: [1, 2, 3], capacity: 5 };
    resetCalls();
    expect(Array.from(solve(p))).toEqual([0, 1, 1]);
    expect(calls.fastSolve).toBe(1);
    let greedyCalls = 0;
    registerSolver<KnapsackProblem, Uint8Array>({
      kind: "knapsack",
      name: "take-nothing",
      priority: 0,
      solve: (q) => {
        greedyCalls++;
        return new Uint8Array(q.values.length);
      },
    });
    expect(solveBatch([p, p, p], { backend: "take-nothing" }).map((x) => Array.from(x))).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(greedyCalls).toBe(3);
  });

  it("the cache is keyed by the kind's instanceKey: a field it includes separates instances, one it leaves out does not", () => {
    const p: KnapsackProblem = { kind: "knapsack", values: [6, 10, 12], weights: [1, 2, 3], capacity: 5, note: "a" };
    const cache = createSolutionCache({ maxEntries: 8 });
    resetCalls();
    const decisions = solveBatch(
      [
        p,
        { ...p, note: "b" }, // the same instance under another label: a hit
        { ...p, capacity: 3 }, // another instance (the best is then [1, 1, 0]): a miss
        { ...p, values: Float64Array.of(6, 10, 12), note: undefined }, // the same numbers in another array type: a hit
      ],
      { cache },
    );
    expect(decisions.map((x) => Array.from(x))).toEqual([
      [0, 1, 1],
      [0, 1, 1],
      [1, 1, 0],
      [0, 1, 1],
    ]);
    expect(calls.fastBatch).toEqual([2]);
    expect(calls.keys).toBeGreaterThan(0);
    expect([cache.misses, cache.hits, cache.size]).toEqual([2, 2, 2]);
    expect(Array.from(solve({ ...p, note: "c" }, { cache }))).toEqual([0, 1, 1]);
    expect(Array.from(solve({ ...p, capacity: 3 }, { cache }))).toEqual([1, 1, 0]);
    expect([cache.misses, cache.hits, cache.size]).toEqual([2, 4, 2]);
    expect(calls.fastSolve).toBe(0);
  });

  it("validates every instance before solving any, naming the instance", () => {
    const ok: KnapsackProblem = { kind: "knapsack", values: [1], weights: [1], capacity: 1 };
    resetCalls();
    const err = inputError(() => solveBatch([ok, { ...ok, capacity: -1 }]));
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toBe("sample 1: infeasible knapsack problem (capacity -1 < 0)");
    expect(inputError(() => solve({ ...ok, weights: [0.5] }, { ref: { agent: "k-1" } })).where).toBe("agent k-1, weights[0]");
    expect(calls.fastBatch).toEqual([]);
  });
});
