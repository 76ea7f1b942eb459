import { solveLinearProgram } from "./linear-program.js";
import type { InstanceRef } from "./instance-ref.js";
import { toLinearProgram, type KCheapestProblem, type SingleSumProblem } from "./problems.js";

/** k-cheapest through the general ILP route (toLinearProgram + javascript-lp-solver). */
export function solveKCheapestLp(problem: KCheapestProblem, ref?: InstanceRef): Uint8Array {
  const { values } = solveLinearProgram(toLinearProgram(problem), ref);
  // Integer variables come back rounded, so this copy is exact.
  return Uint8Array.from(values);
}

/** single-sum through the general LP route (toLinearProgram + javascript-lp-solver). */
export function solveSingleSumLp(problem: SingleSumProblem, ref?: InstanceRef): Float64Array {
  return solveLinearProgram(toLinearProgram(problem), ref).values;
}
