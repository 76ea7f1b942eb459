import type { SingleSumProblem } from "./problems.js";
import { rankSlots } from "./rank-slots.js";

/**
 * Exact single-sum LP: fill slots in ascending cost order (ties to the lower index) up to their
 * caps until `total` is placed. With one sum row and box bounds this greedy is optimal (the
 * fractional-knapsack exchange argument), whatever the signs of the costs. Expects a validated problem.
 */
export function solveSingleSumFast(problem: SingleSumProblem): Float64Array {
  const slots = problem.costs.length;
  const x = new Float64Array(slots);
  const order = new Uint32Array(slots);
  rankSlots(problem.costs, 0, slots, order, 0);
  let remaining = problem.total;
  for (let j = 0; j < slots && remaining > 0; j++) {
    const t = order[j];
    const cap = problem.upper[t];
    if (cap >= remaining) {
      x[t] = remaining;
      remaining = 0;
    } else {
      x[t] = cap;
      remaining -= cap;
    }
  }
  return x;
}
