import { InputError } from "@equitable/core";
import type { InstanceRef } from "./instance-ref.js";
import type { DecisionOf, Problem, ProblemKind } from "./problems.js";
import type { SolutionCache } from "./solution-cache.js";
import { resolveSolver, solveWith, type SolverBackend } from "./solver-registry.js";

/** Options of {@link solveBatch}. */
export interface SolveBatchOptions {
  /** A backend name for every problem; default: the highest priority one per kind. */
  backend?: string;
  /** Identical instances are solved once and then read from here. */
  cache?: SolutionCache;
  /** One ref per problem for error messages; default `{ instance: i }` ("sample i"). */
  refs?: readonly (InstanceRef | undefined)[];
}

/** The decisions of many problems in one call (mixed kinds allowed), in input order. */
export function solveBatch<P extends Problem>(problems: readonly P[], options: SolveBatchOptions = {}): DecisionOf<P>[] {
  if (!Array.isArray(problems)) throw new InputError("problems", "must be an array");
  const { refs, cache } = options;
  if (refs !== undefined && refs.length !== problems.length) {
    throw new InputError("refs", `has ${refs.length} entries for ${problems.length} problems`);
  }
  const backends = new Map<ProblemKind, SolverBackend>();
  return problems.map((problem, i): DecisionOf<P> => {
    const ref = refs?.[i] ?? { instance: i };
    const kind = problem?.kind;
    let backend = backends.get(kind);
    if (backend === undefined) {
      backend = resolveSolver(kind, options.backend, ref) as SolverBackend;
      backends.set(kind, backend);
    }
    return solveWith<P>(backend, problem, ref, cache);
  });
}
