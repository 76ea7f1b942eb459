import { solveKCheapestFast } from "./fast-k-cheapest.js";
import { solveSingleSumFast } from "./fast-single-sum.js";
import { solveKCheapestLp, solveSingleSumLp } from "./lp-backends.js";
import { registerSolver, solversFor } from "./solver-registry.js";

/** Name of the exact closed-form backends (priority 2). */
export const FAST_BACKEND = "fast";
/** Name of the general LP/ILP backends (priority 1). */
export const LP_BACKEND = "javascript-lp-solver";

/** Registers "fast" and "javascript-lp-solver" for both kinds; a no-op for those already there. */
export function registerDefaultBackends(): void {
  const missing = (kind: "k-cheapest" | "single-sum", name: string) => !solversFor(kind).some((b) => b.name === name);
  if (missing("k-cheapest", FAST_BACKEND)) registerSolver({ kind: "k-cheapest", name: FAST_BACKEND, priority: 2, solve: solveKCheapestFast });
  if (missing("single-sum", FAST_BACKEND)) registerSolver({ kind: "single-sum", name: FAST_BACKEND, priority: 2, solve: solveSingleSumFast });
  if (missing("k-cheapest", LP_BACKEND)) registerSolver({ kind: "k-cheapest", name: LP_BACKEND, priority: 1, solve: solveKCheapestLp });
  if (missing("single-sum", LP_BACKEND)) registerSolver({ kind: "single-sum", name: LP_BACKEND, priority: 1, solve: solveSingleSumLp });
}
