import type { KCheapestProblem } from "./problems.js";
import { rankSlots } from "./rank-slots.js";

/**
 * Exact k-cheapest: x_t = 1 for the k smallest costs, ties to the lower slot index. With a uniform
 * rate the ILP's optimum is any k smallest costs, so no search is needed. Expects a validated problem.
 */
export function solveKCheapestFast(problem: KCheapestProblem): Uint8Array {
  const slots = problem.costs.length;
  const x = new Uint8Array(slots);
  const order = new Uint32Array(slots);
  rankSlots(problem.costs, 0, slots, order, 0);
  for (let j = 0; j < problem.k; j++) x[order[j]] = 1;
  return x;
}
