import { afterEach, describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { kCheapestKind } from "./k-cheapest-kind.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import { getProblemKind, problemKinds, registerProblemKind, unregisterProblemKind } from "./kind-registry.js";
import type { ProblemKindSpec } from "./problem-kind.js";
import { solve } from "./solve.js";
import { registerSolver, solversFor, unregisterSolver } from "./solver-registry.js";
import { inputError } from "./spec-fixtures.js";

registerDefaultBackends();

/** min c·x over 0 ≤ x ≤ 1, one variable: the smallest kind there is. */
interface UnitProblem {
  kind: "unit";
  c: number;
}
/** The unit kind, or the same spec under another name (for the duplicate and malformed cases). */
const unitKind = (name = "unit"): ProblemKindSpec<UnitProblem> => ({
  name: name as UnitProblem["kind"],
  validate: () => {},
  instanceKey: (p) => String(p.c),
  toLinearProgram: (p) => ({ sense: "minimize", variables: [{ name: "x", cost: p.c, upper: 1 }], constraints: [] }),
});

afterEach(() => {
  unregisterProblemKind("unit");
  unregisterProblemKind("other");
});

describe("problem kind registry", () => {
  it("lists the kinds by name in registration order, built-ins first", () => {
    expect(problemKinds()).toEqual(["k-cheapest", "single-sum"]);
    registerProblemKind(unitKind());
    expect(problemKinds()).toEqual(["k-cheapest", "single-sum", "unit"]);
    expect(getProblemKind("unit").name).toBe("unit");
    expect(getProblemKind("k-cheapest")).toBe(kCheapestKind);
    expect(unregisterProblemKind("unit")).toBe(true);
    expect(unregisterProblemKind("unit")).toBe(false);
    expect(problemKinds()).toEqual(["k-cheapest", "single-sum"]);
  });

  it("a kind without a fast path gets the LP backend alone, and solve uses it", () => {
    registerProblemKind(unitKind());
    expect(solversFor("unit").map((b) => [b.name, b.priority])).toEqual([[LP_BACKEND, 1]]);
    expect(Array.from(solve({ kind: "unit", c: -2 }))).toEqual([1]);
    expect(solve({ kind: "unit", c: 3 })).toBeInstanceOf(Float64Array);
  });

  it("an unknown kind names the known ones, wherever it is looked up", () => {
    registerProblemKind(unitKind());
    const message = /unknown problem kind "knapsack"; known kinds: k-cheapest, single-sum, unit$/;
    expect(inputError(() => getProblemKind("knapsack")).message).toMatch(message);
    const err = inputError(() => solve({ kind: "knapsack" }, { ref: { agent: "a", instance: 3 } }));
    expect(err.where).toBe("agent a, sample 3, kind");
    expect(err.message).toMatch(message);
    expect(inputError(() => solversFor("knapsack")).message).toMatch(message);
    expect(inputError(() => registerSolver({ kind: "knapsack", name: "x", priority: 1, solve: () => new Uint8Array(0) })).where).toBe("kind");
    expect(unregisterSolver("knapsack", "x")).toBe(false);
  });

  it("refuses a duplicate name, saying how to replace it; the first registration stays", () => {
    const first = unitKind();
    registerProblemKind(first);
    const err = inputError(() => registerProblemKind(unitKind()));
    expect(err.where).toBe("kind.name");
    expect(err.message).toBe('kind.name: a problem kind "unit" is already registered; unregisterProblemKind("unit") first to replace it');
    expect(getProblemKind("unit")).toBe(first);
    expect(inputError(() => registerProblemKind(kCheapestKind)).message).toMatch(/"k-cheapest" is already registered/);
  });

  it("rejects malformed specs, naming the field", () => {
    const good = unitKind("other");
    const cases: [unknown, string][] = [
      [null, "kind"],
      [{ ...good, name: "" }, "kind.name"],
      [{ ...good, validate: undefined }, "kind.validate"],
      [{ ...good, instanceKey: "c" }, "kind.instanceKey"],
      [{ ...good, toLinearProgram: undefined }, "kind.toLinearProgram"],
      [{ ...good, fromLinearProgram: 1 }, "kind.fromLinearProgram"],
      [{ ...good, fast: {} }, "kind.fast.solve"],
      [{ ...good, fast: { solve: () => new Float64Array(1), solveBatch: true } }, "kind.fast.solveBatch"],
    ];
    for (const [spec, where] of cases) expect(inputError(() => registerProblemKind(spec as ProblemKindSpec)).where).toBe(where);
    expect(problemKinds()).toEqual(["k-cheapest", "single-sum"]);
  });

  it("unregistering a kind drops its backends; registering it again starts from its own", () => {
    registerProblemKind(unitKind());
    registerSolver({ kind: "unit", name: "extra", priority: 5, solve: () => Float64Array.of(0) });
    expect(solversFor("unit").map((b) => b.name)).toEqual(["extra", LP_BACKEND]);
    unregisterProblemKind("unit");
    registerProblemKind(unitKind());
    expect(solversFor("unit").map((b) => b.name)).toEqual([LP_BACKEND]);
  });

  it("registerDefaultBackends puts back a removed built-in backend, and leaves a replaced built-in kind alone", () => {
    try {
      expect(unregisterSolver("k-cheapest", FAST_BACKEND)).toBe(true);
      registerDefaultBackends();
      expect(solversFor("k-cheapest").map((b) => b.name)).toEqual([FAST_BACKEND, LP_BACKEND]);
      unregisterProblemKind("single-sum");
      const mine = { ...unitKind("single-sum") } as unknown as ProblemKindSpec;
      registerProblemKind(mine);
      registerDefaultBackends();
      expect(getProblemKind("single-sum")).toBe(mine);
      expect(solversFor("single-sum").map((b) => b.name)).toEqual([LP_BACKEND]);
    } finally {
      unregisterProblemKind("single-sum");
      registerDefaultBackends();
    }
    expect(problemKinds()).toEqual(["k-cheapest", "single-sum"]);
    expect(solversFor("single-sum").map((b) => b.name)).toEqual([FAST_BACKEND, LP_BACKEND]);
  });
});
