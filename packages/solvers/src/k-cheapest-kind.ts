import { InputError } from "@equitable/core";
import { solveKCheapestFast } from "./fast-k-cheapest.js";
import { float64Key } from "./float64-key.js";
import { whereIn } from "./instance-ref.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import type { ProblemKindSpec } from "./problem-kind.js";
import type { KCheapestProblem } from "./problems.js";
import { checkFiniteArray, ones } from "./slot-arrays.js";

/** The built-in "k-cheapest" kind: T binary variables, one Σ x = k row, and the exact ranking fast path. */
export const kCheapestKind: ProblemKindSpec<KCheapestProblem, Uint8Array> = {
  name: "k-cheapest",
  validate(problem, ref) {
    const slots = checkFiniteArray(problem.costs, "costs", ref);
    const { k } = problem;
    if (typeof k !== "number" || !Number.isInteger(k)) throw new InputError(whereIn(ref, "k"), `must be an integer, got ${k}`);
    if (k < 0) throw new InfeasibleProblemError("k-cheapest", `k = ${k} < 0`, ref);
    if (k > slots) throw new InfeasibleProblemError("k-cheapest", `k = ${k} > ${slots} slots`, ref);
  },
  instanceKey: (problem) => float64Key(problem.k, problem.costs),
  toLinearProgram(problem) {
    const slots = problem.costs.length;
    const variables = Array.from({ length: slots }, (_, t) => ({ name: `x${t}`, cost: problem.costs[t], lower: 0, upper: 1, integer: true }));
    return { sense: "minimize", variables, constraints: [{ name: "choose-k", coefficients: ones(slots), equal: problem.k }] };
  },
  // Integer variables come back rounded, so this copy is exact.
  fromLinearProgram: (values) => Uint8Array.from(values),
  fast: { solve: solveKCheapestFast },
};
