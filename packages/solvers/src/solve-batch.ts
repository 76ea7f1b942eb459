import { InputError } from "@equitable/core";
import type { InstanceRef } from "./instance-ref.js";
import { instanceKey } from "./instance-key.js";
import type { Decision, ProblemLike, SolverBackend } from "./problem-kind.js";
import type { DecisionOf } from "./problems.js";
import type { SolutionCache } from "./solution-cache.js";
import { resolveSolver } from "./solver-registry.js";
import { validateProblem } from "./validate-problem.js";

/** Options of {@link solveBatch}. */
export interface SolveBatchOptions {
  /** A backend name for every problem; default: the highest priority one per kind. */
  backend?: string;
  /** Identical instances are solved once and then read from here. */
  cache?: SolutionCache;
  /** One ref per problem for error messages; default `{ instance: i }` ("sample i"). */
  refs?: readonly (InstanceRef | undefined)[];
}

/** The problems of one kind still to solve, with their refs and positions in the input. */
interface Group {
  backend: SolverBackend;
  problems: ProblemLike[];
  refs: InstanceRef[];
  at: number[];
}

/**
 * The decisions of many problems in one call (kinds may mix), in input order. Every problem is
 * validated before any is solved; then each kind's backend gets its share in one solveBatch call
 * (or a loop over its solve). With a cache, hits are read from it and an instance that recurs in
 * the batch is solved once.
 */
export function solveBatch<const P extends ProblemLike>(problems: readonly P[], options: SolveBatchOptions = {}): DecisionOf<P>[] {
  if (!Array.isArray(problems)) throw new InputError("problems", "must be an array");
  const { refs, cache } = options;
  if (refs !== undefined && refs.length !== problems.length) {
    throw new InputError("refs", `has ${refs.length} entries for ${problems.length} problems`);
  }
  const out = new Array<Decision>(problems.length);
  const groups = new Map<string, Group>();
  // First position of each instance sent to a backend, and the later positions that repeat it.
  const firstOf = new Map<string, number>();
  const repeats: [at: number, first: number][] = [];
  problems.forEach((problem, i) => {
    const ref = refs?.[i] ?? { instance: i };
    const kind = problem?.kind;
    let group = groups.get(kind);
    if (group === undefined) {
      group = { backend: resolveSolver(kind, options.backend, ref), problems: [], refs: [], at: [] };
      groups.set(kind, group);
    }
    validateProblem(problem, ref);
    if (cache !== undefined) {
      const key = instanceKey(problem);
      const first = firstOf.get(key);
      if (first !== undefined) {
        repeats.push([i, first]);
        return;
      }
      const hit = cache.get(problem, group.backend.name);
      if (hit !== undefined) {
        out[i] = hit;
        return;
      }
      firstOf.set(key, i);
    }
    group.problems.push(problem);
    group.refs.push(ref);
    group.at.push(i);
  });
  for (const { backend, problems: todo, refs: todoRefs, at } of groups.values()) {
    if (todo.length === 0) continue;
    const decisions = solveMany(backend, todo, todoRefs);
    for (let j = 0; j < todo.length; j++) {
      out[at[j]] = decisions[j];
      cache?.set(todo[j], decisions[j], backend.name);
    }
  }
  for (const [i, first] of repeats) {
    const problem = problems[i];
    // Read back through the cache so its counters match solving one by one; a small cache may have evicted it already.
    out[i] = cache!.get(problem, groups.get(problem.kind)!.backend.name) ?? out[first].slice();
  }
  return out as DecisionOf<P>[];
}

/** One backend's decisions for its share of the batch: its solveBatch when it has one, else solve in a loop. */
function solveMany(backend: SolverBackend, problems: readonly ProblemLike[], refs: readonly InstanceRef[]): Decision[] {
  if (backend.solveBatch === undefined) return problems.map((problem, j) => backend.solve(problem, refs[j]));
  const decisions = backend.solveBatch(problems, refs);
  if (!Array.isArray(decisions) || decisions.length !== problems.length) {
    throw new Error(`backend "${backend.name}" for ${backend.kind}: solveBatch returned ${decisions?.length} decisions for ${problems.length} problems`);
  }
  return decisions;
}
