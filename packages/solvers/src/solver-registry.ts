import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import { backendsOf, problemKinds } from "./kind-registry.js";
import type { Decision, ProblemLike, SolverBackend } from "./problem-kind.js";

/** Adds a backend to a registered kind; throws InputError if the kind is unknown or already has a backend of that name. */
export function registerSolver<P extends ProblemLike, D extends Decision>(backend: SolverBackend<P, D>): void {
  const list = backendsOf(backend?.kind);
  if (typeof backend.name !== "string" || backend.name === "") throw new InputError("backend.name", "must be a non-empty string");
  if (!Number.isFinite(backend.priority)) throw new InputError("backend.priority", `must be a finite number, got ${backend.priority}`);
  if (typeof backend.solve !== "function") throw new InputError("backend.solve", "must be a function");
  if (backend.solveBatch !== undefined && typeof backend.solveBatch !== "function") {
    throw new InputError("backend.solveBatch", "must be a function when given");
  }
  if (list.some((b) => b.name === backend.name)) {
    throw new InputError("backend.name", `a backend "${backend.name}" is already registered for ${backend.kind}`);
  }
  list.push(backend);
  // Array.prototype.sort is stable: equal priorities keep registration order.
  list.sort((a, b) => b.priority - a.priority);
}

/** Removes a backend; returns whether there was one (false for an unknown kind too). */
export function unregisterSolver(kind: string, name: string): boolean {
  if (!problemKinds().includes(kind)) return false;
  const list = backendsOf(kind);
  const i = list.findIndex((b) => b.name === name);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** The backends of a registered kind, highest priority first (a copy); an unknown kind throws InputError. */
export function solversFor(kind: string): SolverBackend[] {
  return [...backendsOf(kind)];
}

/** The backend `solve` would use for this kind and name (throws InputError when there is none). */
export function resolveSolver(kind: string, backend?: string, ref?: InstanceRef): SolverBackend {
  const list = backendsOf(kind, ref);
  if (list.length === 0) throw new InputError(whereIn(ref, "kind"), `no backend is registered for ${kind}`);
  if (backend === undefined) return list[0];
  const found = list.find((b) => b.name === backend);
  if (found === undefined) {
    throw new InputError(whereIn(ref, "backend"), `no backend "${backend}" for ${kind}; registered: ${list.map((b) => b.name).join(", ")}`);
  }
  return found;
}
