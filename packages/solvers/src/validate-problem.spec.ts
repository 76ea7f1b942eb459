import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import type { Problem } from "./problems.js";
import { inputError } from "./spec-fixtures.js";
import { validateProblem } from "./validate-problem.js";

registerDefaultBackends();

describe("validateProblem", () => {
  const ref = { agent: "ev-3", instance: 17 };

  it("accepts feasible problems, including the edges k = 0, k = T, total = 0 and total = Σ upper", () => {
    const ok: Problem[] = [
      { kind: "k-cheapest", costs: [1, 2], k: 0 },
      { kind: "k-cheapest", costs: [1, 2], k: 2 },
      { kind: "k-cheapest", costs: [], k: 0 },
      { kind: "single-sum", costs: [1, 2], upper: [0.1, 0.2], total: 0 },
      { kind: "single-sum", costs: [1, 2], upper: [0.1, 0.2], total: 0.1 + 0.2 },
      { kind: "single-sum", costs: [1], upper: [Number.POSITIVE_INFINITY], total: 1e12 },
    ];
    for (const p of ok) expect(() => validateProblem(p, ref)).not.toThrow();
  });

  it("infeasible instances → InfeasibleProblemError naming agent and instance", () => {
    const twelve = new Float64Array(12);
    const err = inputError(() => validateProblem({ kind: "k-cheapest", costs: twelve, k: 14 }, ref));
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toBe("agent ev-3, sample 17: infeasible k-cheapest problem (k = 14 > 12 slots)");
    const cases: [Problem, RegExp][] = [
      [{ kind: "k-cheapest", costs: twelve, k: -1 }, /infeasible k-cheapest problem \(k = -1 < 0\)/],
      [{ kind: "single-sum", costs: [1, 2], upper: [1, 2], total: 3.5 }, /infeasible single-sum problem \(total = 3.5 > 3 = Σ upper\)/],
      [{ kind: "single-sum", costs: [1, 2], upper: [1, 2], total: -1 }, /infeasible single-sum problem \(total = -1 < 0\)/],
    ];
    for (const [p, message] of cases) {
      const e = inputError(() => validateProblem(p, ref));
      expect(e).toBeInstanceOf(InfeasibleProblemError);
      expect(e.message).toMatch(message);
      expect(e).toMatchObject({ agent: "ev-3", instance: 17, kind: p.kind });
    }
  });

  it("malformed instances → InputError naming the instance and the field (the slot for costs)", () => {
    const cases: [Problem, string][] = [
      [{ kind: "k-cheapest", costs: [1, Number.NaN, 3], k: 1 }, "agent ev-3, sample 17, costs[1]"],
      [{ kind: "k-cheapest", costs: [1, 2, Number.NEGATIVE_INFINITY], k: 1 }, "agent ev-3, sample 17, costs[2]"],
      [{ kind: "k-cheapest", costs: [1, 2, 3], k: 1.5 }, "agent ev-3, sample 17, k"],
      [{ kind: "k-cheapest", costs: [1, 2, 3], k: Number.NaN }, "agent ev-3, sample 17, k"],
      [{ kind: "single-sum", costs: [1, 2], upper: [1, Number.NaN], total: 1 }, "agent ev-3, sample 17, upper[1]"],
      [{ kind: "single-sum", costs: [1, 2], upper: [-1, 2], total: 1 }, "agent ev-3, sample 17, upper[0]"],
      [{ kind: "single-sum", costs: [1, 2], upper: [1], total: 1 }, "agent ev-3, sample 17, upper"],
      [{ kind: "single-sum", costs: [1, 2], upper: [1, 2], total: Number.NaN }, "agent ev-3, sample 17, total"],
      [{ kind: "k-cheapest", costs: undefined as unknown as number[], k: 0 }, "agent ev-3, sample 17, costs"],
      [{ kind: "knapsack", costs: [1], k: 1 } as unknown as Problem, "agent ev-3, sample 17, kind"],
      [null as unknown as Problem, "agent ev-3, sample 17, problem"],
    ];
    for (const [p, where] of cases) {
      const e = inputError(() => validateProblem(p, ref));
      expect(e).not.toBeInstanceOf(InfeasibleProblemError);
      expect(e.where).toBe(where);
    }
    expect(inputError(() => validateProblem({ kind: "k-cheapest", costs: [Number.NaN], k: 0 })).where).toBe("costs[0]");
  });
});
