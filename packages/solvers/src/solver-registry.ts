import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import { PROBLEM_KINDS, unknownKind, validateProblem, type DecisionOf, type Problem, type ProblemKind, type ProblemOfKind } from "./problems.js";
import type { SolutionCache } from "./solution-cache.js";

/** One way to solve one problem kind; the highest priority wins unless a backend is named. */
export interface SolverBackend<K extends ProblemKind = ProblemKind> {
  kind: K;
  name: string;
  priority: number;
  /** Receives a validated problem; `ref` is for error messages. */
  solve(problem: ProblemOfKind<K>, ref: InstanceRef): DecisionOf<ProblemOfKind<K>>;
}

/** Options of {@link solve}. */
export interface SolveOptions {
  /** A backend name ("fast", "javascript-lp-solver", ...); default: the highest priority one. */
  backend?: string;
  /** Which agent / instance the problem is, for error messages. */
  ref?: InstanceRef;
  /** Look up the instance first and store the answer after. */
  cache?: SolutionCache;
}

// Like tfjs-core's kernel registry: a global table, filled by the modules that provide backends.
const registry = new Map<ProblemKind, SolverBackend[]>();

/** Adds a backend for `kind`; throws if that kind already has a backend of that name. */
export function registerSolver<K extends ProblemKind>(backend: SolverBackend<K>): void {
  if (!PROBLEM_KINDS.includes(backend?.kind)) throw unknownKind(backend ?? {});
  if (typeof backend.name !== "string" || backend.name === "") throw new InputError("backend.name", "must be a non-empty string");
  if (!Number.isFinite(backend.priority)) throw new InputError("backend.priority", `must be a finite number, got ${backend.priority}`);
  if (typeof backend.solve !== "function") throw new InputError("backend.solve", "must be a function");
  const list = registry.get(backend.kind) ?? [];
  if (list.some((b) => b.name === backend.name)) {
    throw new InputError("backend.name", `a backend "${backend.name}" is already registered for ${backend.kind}`);
  }
  list.push(backend as unknown as SolverBackend);
  // Array.prototype.sort is stable: equal priorities keep registration order.
  list.sort((a, b) => b.priority - a.priority);
  registry.set(backend.kind, list);
}

/** Removes a backend; returns whether there was one. */
export function unregisterSolver(kind: ProblemKind, name: string): boolean {
  const list = registry.get(kind);
  const i = list?.findIndex((b) => b.name === name) ?? -1;
  if (i < 0) return false;
  list!.splice(i, 1);
  return true;
}

/** The backends for `kind`, highest priority first (a copy). */
export function solversFor<K extends ProblemKind>(kind: K): SolverBackend<K>[] {
  return [...(registry.get(kind) ?? [])] as unknown as SolverBackend<K>[];
}

/** The backend `solve` would use for this kind and name (throws InputError when there is none). */
export function resolveSolver<K extends ProblemKind>(kind: K, backend?: string, ref?: InstanceRef): SolverBackend<K> {
  if (!PROBLEM_KINDS.includes(kind)) throw unknownKind({ kind }, ref);
  const list = solversFor(kind);
  if (list.length === 0) throw new InputError(whereIn(ref, "kind"), `no backend is registered for ${kind}`);
  if (backend === undefined) return list[0];
  const found = list.find((b) => b.name === backend);
  if (found === undefined) {
    throw new InputError(whereIn(ref, "backend"), `no backend "${backend}" for ${kind}; registered: ${list.map((b) => b.name).join(", ")}`);
  }
  return found;
}

/** Validates the problem and solves it with the highest-priority (or the named) backend for its kind. */
export function solve<P extends Problem>(problem: P, options: SolveOptions = {}): DecisionOf<P> {
  const ref = options.ref ?? {};
  const backend = resolveSolver(problem?.kind, options.backend, ref);
  return solveWith(backend, problem, ref, options.cache);
}

/** solve() once the backend is known (solveBatch resolves it once per kind). */
export function solveWith<P extends Problem>(backend: SolverBackend, problem: P, ref: InstanceRef, cache: SolutionCache | undefined): DecisionOf<P> {
  validateProblem(problem, ref);
  if (cache !== undefined) {
    const hit = cache.get(problem, backend.name);
    if (hit !== undefined) return hit;
  }
  const decision = backend.solve(problem as unknown as ProblemOfKind<P["kind"]>, ref) as DecisionOf<P>;
  cache?.set(problem, decision, backend.name);
  return decision;
}
