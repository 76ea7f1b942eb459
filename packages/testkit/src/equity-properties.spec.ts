// The equity properties of the Equitable Objective (Sec. 4 of the paper), each checked on 200
// fast-check populations solved exactly, and each shown to catch a named mutant. The last block
// keeps a counterexample to the stronger claims one might read into the theorems.
import { describe, expect, it } from "vitest";
import { hNorm, variance } from "@equitable/core";
import { equitableAgentWeights } from "@equitable/trainer";
import { equitableOptimum, quadraticPopulation, theorem43, theorem44, weightsFavourWorseOff, type EquityLoss } from "./index.js";

/** Mutant: a loss that favours the best-off agents (a concave power of costs) instead of the worst-off. */
const concaveLoss: EquityLoss = (costs, q) => costs.reduce((s, c) => s + c ** (1 / (q + 1)), 0);

describe("Theorem 4.3: variance at q = 1 is no larger than at q = 0", () => {
  it("holds on 200 populations", () => {
    const r = theorem43();
    expect(r.failed, String(r.counterexample)).toBe(false);
    expect(r.numRuns).toBe(200);
  });
  it("fails on the mutant that rewards the best-off (Σ C^(1/(q+1)))", () => {
    expect(theorem43({ loss: concaveLoss }).failed).toBe(true);
  });
});

describe("Theorem 4.4: ∂/∂p H_norm(C^(q+1)(θ*_p)) at p = q is ≥ 0", () => {
  for (const q of [0, 1, 2, 5]) {
    it(`holds on 200 populations at q = ${q}`, () => {
      const r = theorem44(q);
      expect(r.failed, String(r.counterexample)).toBe(false);
    });
  }
  it("fails on the concave mutant", () => {
    expect(theorem44(1, { loss: concaveLoss }).failed).toBe(true);
  });
});

describe("the gradient's weights ∂L/∂C̄_m favour the worse-off agent", () => {
  it("holds for the trainer's weights in both forms, on 200 draws each", () => {
    for (const form of ["power", "norm"] as const) {
      const r = weightsFavourWorseOff((c, q) => equitableAgentWeights(c, q + 1, form));
      expect(r.failed, `${form}: ${String(r.counterexample)}`).toBe(false);
    }
  });
  it("fails on the mutants: uniform weights (every agent alike) and weights inverted towards the best-off", () => {
    expect(weightsFavourWorseOff((c) => new Float64Array(c.length).fill(1)).failed).toBe(true);
    expect(weightsFavourWorseOff((c, q) => equitableAgentWeights(c, q + 1, "power").map((w) => 1 / w)).failed).toBe(true);
  });
});

describe("what the theorems do not say (a counterexample with three quadratic agents)", () => {
  // C_m(θ) = a_m(θ − t_m)² + c_m: two agents that want θ = 0, one that wants θ = 4.5.
  const p = quadraticPopulation([
    { a: 0.1, t: 0, c: 0.01 },
    { a: 0.11581147088249591, t: 4.499389569260044, c: 0.01 },
    { a: 0.8890621659459933, t: 0, c: 1.9997559786424939 },
  ]);
  const at = (q: number) => p.costs(equitableOptimum(p, q));

  it("variance need not keep falling beyond q = 1: it rises from q+1 = 2 to q+1 = 10", () => {
    expect(variance(at(1))).toBeLessThan(variance(at(0)));
    expect(variance(at(9))).toBeGreaterThan(variance(at(1)) * 1.005);
  });

  it("H_norm of the costs themselves can fall as q rises, while the worst-off agent's cost falls", () => {
    expect(hNorm(at(9))).toBeLessThan(hNorm(at(0)));
    expect(Math.max(...at(9))).toBeLessThan(Math.max(...at(0)));
  });
});
