import type { InstanceRef } from "./instance-ref.js";
import type { LinearProgram } from "./linear-program.js";

/** What every problem carries: the name of its registered kind. */
export interface ProblemLike {
  readonly kind: string;
}

/** A decision is one typed array per instance: the cache stores and hands out copies of it with `slice`. */
export type Decision = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** Solves validated instances of one kind: one at a time, and optionally many at once. */
export interface KindSolver<P = ProblemLike, D extends Decision = Decision> {
  /** The decision of one instance; `ref` is for error messages. */
  solve(problem: P, ref: InstanceRef): D;
  /** The decisions of many instances, in input order (`refs[i]` names `problems[i]`); absent, solveBatch loops over `solve`. */
  solveBatch?(problems: readonly P[], refs: readonly InstanceRef[]): D[];
}

/** One named way to solve one kind; the highest priority wins unless a backend is named. */
export interface SolverBackend<P = ProblemLike, D extends Decision = Decision> extends KindSolver<P, D> {
  /** The problem kind it solves (must be registered). */
  kind: string;
  /** Unique within its kind: "fast", "javascript-lp-solver", ... */
  name: string;
  /** Any finite number; the built-ins use 2 (fast) and 1 (LP). */
  priority: number;
}

/**
 * A problem kind, registered by name with registerProblemKind: everything the registry needs to
 * validate, solve and cache its instances. Registering it adds the backends "javascript-lp-solver"
 * (priority 1, from `toLinearProgram`) and, when given, "fast" (priority 2).
 */
export interface ProblemKindSpec<P extends ProblemLike = ProblemLike, D extends Decision = Decision> {
  /** The `kind` its problems carry, e.g. "knapsack". */
  readonly name: P["kind"];
  /** Throws InputError (malformed) or InfeasibleProblemError (no feasible point), naming `ref` and the field; backends see only instances that pass. */
  validate(problem: P, ref: InstanceRef | undefined): void;
  /**
   * The exact instance as a string, for the solution cache: equal keys must mean the same
   * instance, so include every field the decision depends on (float64Key packs numbers exactly).
   * Called on validated instances only; the registry prefixes the kind's name.
   */
  instanceKey(problem: P): string;
  /** The LP/ILP formulation: the exact reference route, through javascript-lp-solver. */
  toLinearProgram(problem: P): LinearProgram;
  /** The decision from the LP's values (in `variables` order); default: the values themselves, a Float64Array. */
  fromLinearProgram?(values: Float64Array, problem: P): D;
  /** An exact closed-form route, preferred over the LP; its `solveBatch`, when given, is the kind's batch call. */
  fast?: KindSolver<P, D>;
}
