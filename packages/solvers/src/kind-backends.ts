import { solveLinearProgram } from "./linear-program.js";
import type { Decision, ProblemKindSpec, ProblemLike, SolverBackend } from "./problem-kind.js";

/** Name of the exact closed-form backends (priority 2). */
export const FAST_BACKEND = "fast";
/** Name of the general LP/ILP backends (priority 1). */
export const LP_BACKEND = "javascript-lp-solver";

/** The backends a kind brings when it is registered: its LP route, and its fast path when it has one. */
export function kindBackends<P extends ProblemLike, D extends Decision>(spec: ProblemKindSpec<P, D>): SolverBackend<P, D>[] {
  const decode = spec.fromLinearProgram ?? ((values: Float64Array) => values as unknown as D);
  const lp: SolverBackend<P, D> = {
    kind: spec.name,
    name: LP_BACKEND,
    priority: 1,
    solve: (problem, ref) => decode(solveLinearProgram(spec.toLinearProgram(problem), ref).values, problem),
  };
  if (spec.fast === undefined) return [lp];
  const { fast } = spec;
  const fastBackend: SolverBackend<P, D> = { kind: spec.name, name: FAST_BACKEND, priority: 2, solve: (problem, ref) => fast.solve(problem, ref) };
  if (fast.solveBatch !== undefined) fastBackend.solveBatch = (problems, refs) => fast.solveBatch!(problems, refs);
  return [fastBackend, lp];
}
