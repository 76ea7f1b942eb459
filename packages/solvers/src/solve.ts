import type { InstanceRef } from "./instance-ref.js";
import type { ProblemLike, SolverBackend } from "./problem-kind.js";
import type { DecisionOf } from "./problems.js";
import type { SolutionCache } from "./solution-cache.js";
import { resolveSolver } from "./solver-registry.js";
import { validateProblem } from "./validate-problem.js";

/** Options of {@link solve}. */
export interface SolveOptions {
  /** A backend name ("fast", "javascript-lp-solver", ...); default: the highest priority one. */
  backend?: string;
  /** Which agent / instance the problem is, for error messages. */
  ref?: InstanceRef;
  /** Look up the instance first and store the answer after. */
  cache?: SolutionCache;
}

/** Validates the problem and solves it with the highest-priority (or the named) backend for its kind. */
export function solve<const P extends ProblemLike>(problem: P, options: SolveOptions = {}): DecisionOf<P> {
  const ref = options.ref ?? {};
  const backend = resolveSolver(problem?.kind, options.backend, ref);
  validateProblem(problem, ref);
  const { cache } = options;
  if (cache !== undefined) {
    const hit = cache.get(problem, backend.name);
    if (hit !== undefined) return hit;
  }
  const decision = (backend as SolverBackend<P, DecisionOf<P>>).solve(problem, ref);
  cache?.set(problem, decision, backend.name);
  return decision;
}
