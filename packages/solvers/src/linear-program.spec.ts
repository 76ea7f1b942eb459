import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LP_SOLVER_PRECISION, solveLinearProgram, type LinearProgram } from "./linear-program.js";
import { InfeasibleProblemError, UnboundedProblemError } from "./problem-errors.js";
import { inputError } from "./spec-fixtures.js";

/** The best objective over all vertices of a 2-D polygon {x ∈ [0, box]²: A x ≤ b}, by enumeration. */
function bruteForce2d(c: [number, number], rows: [number, number, number][], box: number): number {
  const lines: [number, number, number][] = [...rows, [1, 0, box], [0, 1, box], [-1, 0, 0], [0, -1, 0]];
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a1, b1, r1] = lines[i];
      const [a2, b2, r2] = lines[j];
      const det = a1 * b2 - a2 * b1;
      if (Math.abs(det) < 1e-12) continue;
      const x = (r1 * b2 - r2 * b1) / det;
      const y = (a1 * r2 - a2 * r1) / det;
      if (lines.every(([a, b, r]) => a * x + b * y <= r + 1e-9)) best = Math.max(best, c[0] * x + c[1] * y);
    }
  }
  return best;
}

describe("solveLinearProgram", () => {
  it("a 2-variable LP solved by hand", () => {
    // max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6, 0 ≤ x ≤ 3: the vertices are (0,0) 0, (3,0) 9, (3,1) 11,
    // (0,2) 4 and x + y = 4 ∩ x + 3y = 6 = (3,1); so the optimum is 11 at (3, 1).
    const lp: LinearProgram = {
      sense: "maximize",
      variables: [{ name: "x", cost: 3, upper: 3 }, { name: "y", cost: 2 }],
      constraints: [
        { name: "a", coefficients: { x: 1, y: 1 }, max: 4 },
        { name: "b", coefficients: { x: 1, y: 3 }, max: 6 },
      ],
    };
    const { objective, values } = solveLinearProgram(lp);
    expect(objective).toBeCloseTo(11, 9);
    expect(Array.from(values)).toEqual([3, 1]);
  });

  it("a minimisation with a negative lower bound and an equality", () => {
    // min x s.t. x + y = 1, x ≥ −5, 0 ≤ y ≤ 4: y goes to its cap, x = 1 − 4 = −3.
    const { objective, values } = solveLinearProgram({
      sense: "minimize",
      variables: [{ name: "x", cost: 1, lower: -5 }, { name: "y", cost: 0, upper: 4 }],
      constraints: [{ name: "sum", coefficients: { x: 1, y: 1 }, equal: 1 }],
    });
    expect(objective).toBeCloseTo(-3, 9);
    expect(values[0]).toBeCloseTo(-3, 9);
    expect(values[1]).toBeCloseTo(4, 9);
  });

  it("positive lower bounds and fixed variables", () => {
    // min x + 2y with x ∈ [1.5, 10], y fixed at 2 and x + y ≥ 4: x = 2 (the row binds), objective 6.
    const { objective, values } = solveLinearProgram({
      sense: "minimize",
      variables: [{ name: "x", cost: 1, lower: 1.5, upper: 10 }, { name: "y", cost: 2, lower: 2, upper: 2 }],
      constraints: [{ name: "need", coefficients: { x: 1, y: 1 }, min: 4 }],
    });
    expect(objective).toBeCloseTo(6, 9);
    expect(values[0]).toBeCloseTo(2, 9);
    expect(values[1]).toBeCloseTo(2, 9);
  });

  it("an ILP whose LP relaxation is fractional", () => {
    // max 5x + 4y, 6x + 4y ≤ 24, x + 2y ≤ 6. The relaxation's optimum is (3, 1.5) with 21; among
    // the integer points (4,0) 20, (3,1) 19, (2,2) 18, ... the best is (4, 0) with 20.
    const lp = (integer: boolean): LinearProgram => ({
      sense: "maximize",
      variables: [{ name: "x", cost: 5, integer }, { name: "y", cost: 4, integer }],
      constraints: [
        { name: "wood", coefficients: { x: 6, y: 4 }, max: 24 },
        { name: "labour", coefficients: { x: 1, y: 2 }, max: 6 },
      ],
    });
    const relaxed = solveLinearProgram(lp(false));
    expect(relaxed.objective).toBeCloseTo(21, 9);
    expect(relaxed.values[1]).toBeCloseTo(1.5, 9);
    const integral = solveLinearProgram(lp(true));
    expect(integral.objective).toBe(20);
    expect(Array.from(integral.values)).toEqual([4, 0]);
  });

  it("a 0/1 knapsack (LP bound 22, integer optimum 21)", () => {
    // max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d ≤ 14, binary: b + c + d fills 14 exactly for 21;
    // the relaxation takes a, b whole and half of c for 8 + 11 + 3 = 22.
    const items = [["a", 8, 5], ["b", 11, 7], ["c", 6, 4], ["d", 4, 3]] as const;
    const lp = (integer: boolean): LinearProgram => ({
      sense: "maximize",
      variables: items.map(([name, value]) => ({ name, cost: value, upper: 1, integer })),
      constraints: [{ name: "weight", coefficients: Object.fromEntries(items.map(([name, , w]) => [name, w])), max: 14 }],
    });
    expect(solveLinearProgram(lp(false)).objective).toBeCloseTo(22, 9);
    const best = solveLinearProgram(lp(true));
    expect(best.objective).toBe(21);
    expect(Array.from(best.values)).toEqual([0, 1, 1, 1]);
  });

  it("names that clash with the solver's own result keys are harmless", () => {
    const names = ["feasible", "result", "bounded", "objective", "isIntegral"];
    const { objective, values } = solveLinearProgram({
      sense: "minimize",
      variables: names.map((name, i) => ({ name, cost: i + 1, upper: 1 })),
      constraints: [{ name: "objective", coefficients: Object.fromEntries(names.map((n) => [n, 1])), equal: 2 }],
    });
    expect(Array.from(values)).toEqual([1, 1, 0, 0, 0]);
    expect(objective).toBe(3);
  });

  it("an empty program has objective 0", () => {
    expect(solveLinearProgram({ sense: "minimize", variables: [], constraints: [] })).toEqual({ objective: 0, values: new Float64Array(0) });
  });

  it("random bounded 2-D LPs match vertex enumeration", () => {
    const coef = fc.integer({ min: -20, max: 20 }).map((v) => v / 4);
    const row = fc.tuple(coef, coef, fc.integer({ min: 0, max: 40 }).map((v) => v / 2));
    fc.assert(
      fc.property(fc.tuple(coef, coef), fc.array(row, { minLength: 0, maxLength: 5 }), (c, rows) => {
        const box = 10;
        const { objective, values } = solveLinearProgram({
          sense: "maximize",
          variables: [{ name: "x", cost: c[0], upper: box }, { name: "y", cost: c[1], upper: box }],
          constraints: rows.map(([a, b, r], i) => ({ name: `r${i}`, coefficients: { x: a, y: b }, max: r })),
        });
        const expected = bruteForce2d(c, rows, box);
        expect(Math.abs(objective - expected)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(expected)));
        for (const [a, b, r] of rows) expect(a * values[0] + b * values[1]).toBeLessThanOrEqual(r + 1e-6);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("reports values to the solver's absolute precision", () => {
    // x = 1/3 comes back rounded to 1e-8: a documented property of javascript-lp-solver.
    const { values } = solveLinearProgram({
      sense: "minimize",
      variables: [{ name: "x", cost: 1 }],
      constraints: [{ name: "third", coefficients: { x: 3 }, equal: 1 }],
    });
    expect(Math.abs(values[0] - 1 / 3)).toBeLessThanOrEqual(LP_SOLVER_PRECISION);
  });
});

describe("solveLinearProgram outcomes", () => {
  const ref = { agent: "ev-3", instance: 17 };

  it("infeasible LP → InfeasibleProblemError naming the agent and the sample", () => {
    const err = inputError(() =>
      solveLinearProgram(
        {
          sense: "minimize",
          variables: [{ name: "x", cost: 1, upper: 1 }, { name: "y", cost: 1, upper: 1 }],
          constraints: [{ name: "need", coefficients: { x: 1, y: 1 }, min: 5 }],
        },
        ref,
      ),
    );
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toMatch(/^agent ev-3, sample 17: infeasible linear problem/);
    expect(err).toMatchObject({ agent: "ev-3", instance: 17, kind: "linear", where: "agent ev-3, sample 17" });
  });

  it("infeasible ILP whose relaxation is feasible → InfeasibleProblemError (integer linear)", () => {
    const err = inputError(() =>
      solveLinearProgram(
        { sense: "minimize", variables: [{ name: "x", cost: 1, integer: true }], constraints: [{ name: "odd", coefficients: { x: 2 }, equal: 3 }] },
        { agent: "phone-1" },
      ),
    );
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toMatch(/^agent phone-1: infeasible integer linear problem/);
  });

  it("unbounded LP → UnboundedProblemError, both senses", () => {
    const up = inputError(() =>
      solveLinearProgram(
        {
          sense: "maximize",
          variables: [{ name: "x", cost: 1 }, { name: "y", cost: 1 }],
          constraints: [{ name: "diff", coefficients: { x: 1, y: -1 }, max: 1 }],
        },
        ref,
      ),
    );
    expect(up).toBeInstanceOf(UnboundedProblemError);
    expect(up.message).toMatch(/^agent ev-3, sample 17: unbounded linear problem \(the objective can increase/);
    const down = inputError(() =>
      solveLinearProgram({
        sense: "minimize",
        variables: [{ name: "x", cost: 1, lower: Number.NEGATIVE_INFINITY, upper: 3 }],
        constraints: [],
      }),
    );
    expect(down).toBeInstanceOf(UnboundedProblemError);
    expect(down.message).toMatch(/decrease without limit/);
  });

  it("bad input → InputError naming the field (and the instance)", () => {
    const base = (): LinearProgram => ({
      sense: "minimize",
      variables: [{ name: "x", cost: 1 }, { name: "y", cost: 2 }],
      constraints: [{ name: "c", coefficients: { x: 1, y: 1 }, min: 1 }],
    });
    const withVar = (i: number, patch: object): LinearProgram => {
      const lp = base();
      return { ...lp, variables: lp.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) };
    };
    const withRow = (patch: object): LinearProgram => ({ ...base(), constraints: [{ ...base().constraints[0], ...patch }] });
    const cases: [LinearProgram, string][] = [
      [withVar(1, { cost: Number.NaN }), "variables[1].cost"],
      [withVar(1, { cost: Number.POSITIVE_INFINITY }), "variables[1].cost"],
      [withVar(0, { lower: 3, upper: 2 }), "variables[0]"],
      [withVar(0, { lower: Number.NaN }), "variables[0].lower"],
      [withVar(0, { upper: Number.NEGATIVE_INFINITY }), "variables[0].upper"],
      [withVar(1, { name: "x" }), "variables[1].name"],
      [withVar(0, { name: "" }), "variables[0].name"],
      [withRow({ coefficients: { x: 1, z: 1 } }), "constraints[0].coefficients.z"],
      [withRow({ coefficients: { x: Number.NaN } }), "constraints[0].coefficients.x"],
      [withRow({ min: Number.NaN }), "constraints[0].min"],
      [withRow({ min: 3, max: 2 }), "constraints[0]"],
      [withRow({ equal: 1 }), "constraints[0]"],
      [{ ...base(), constraints: [base().constraints[0], base().constraints[0]] }, "constraints[1].name"],
      [{ ...base(), sense: "minimise" as "minimize" }, "sense"],
    ];
    for (const [lp, where] of cases) {
      const err = inputError(() => solveLinearProgram(lp));
      expect(err).not.toBeInstanceOf(InfeasibleProblemError);
      expect(err.where).toBe(where);
      expect(inputError(() => solveLinearProgram(lp, { agent: "a", instance: 3 })).where).toBe(`agent a, sample 3, ${where}`);
    }
  });
});
