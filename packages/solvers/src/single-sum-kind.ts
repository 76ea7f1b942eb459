import { InputError } from "@equitable/core";
import { solveSingleSumFast } from "./fast-single-sum.js";
import { float64Key } from "./float64-key.js";
import { whereIn } from "./instance-ref.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import type { ProblemKindSpec } from "./problem-kind.js";
import type { SingleSumProblem } from "./problems.js";
import { checkArrayLike, checkFiniteArray, ones } from "./slot-arrays.js";

/** The built-in "single-sum" kind: T continuous capped variables, one Σ x = total row, and the exact greedy fast path. */
export const singleSumKind: ProblemKindSpec<SingleSumProblem, Float64Array> = {
  name: "single-sum",
  validate(problem, ref) {
    const slots = checkFiniteArray(problem.costs, "costs", ref);
    const n = checkArrayLike(problem.upper, "upper", ref);
    if (n !== slots) throw new InputError(whereIn(ref, "upper"), `has ${n} slots, costs has ${slots}`);
    let sumUpper = 0;
    for (let t = 0; t < n; t++) {
      const u = problem.upper[t];
      // +Infinity is allowed: an uncapped slot.
      if (typeof u !== "number" || Number.isNaN(u) || u < 0) throw new InputError(whereIn(ref, `upper[${t}]`), `must be a number ≥ 0, got ${u}`);
      sumUpper += u;
    }
    const { total } = problem;
    if (typeof total !== "number" || !Number.isFinite(total)) throw new InputError(whereIn(ref, "total"), `must be a finite number, got ${total}`);
    if (total < 0) throw new InfeasibleProblemError("single-sum", `total = ${total} < 0`, ref);
    if (total > sumUpper) throw new InfeasibleProblemError("single-sum", `total = ${total} > ${sumUpper} = Σ upper`, ref);
  },
  instanceKey: (problem) => float64Key(problem.total, problem.costs, problem.upper),
  toLinearProgram(problem) {
    const slots = problem.costs.length;
    const variables = Array.from({ length: slots }, (_, t) => ({ name: `x${t}`, cost: problem.costs[t], lower: 0, upper: problem.upper[t] }));
    return { sense: "minimize", variables, constraints: [{ name: "total", coefficients: ones(slots), equal: problem.total }] };
  },
  fast: { solve: solveSingleSumFast },
};
