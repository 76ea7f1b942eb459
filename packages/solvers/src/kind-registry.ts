import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import { kindBackends } from "./kind-backends.js";
import type { Decision, ProblemKindSpec, ProblemLike, SolverBackend } from "./problem-kind.js";

// Like Gymnasium's registry (register / make by id) and tfjs-core's kernel registry: one global
// table by name, filled by the modules that define kinds. Each kind keeps its own backend list,
// highest priority first.
const kinds = new Map<string, { spec: ProblemKindSpec; backends: SolverBackend[] }>();

/** Registers a problem kind and its default backends; throws InputError if the name is taken or the spec is malformed. */
export function registerProblemKind<P extends ProblemLike, D extends Decision>(spec: ProblemKindSpec<P, D>): void {
  if (spec === null || typeof spec !== "object") throw new InputError("kind", "must be a problem kind spec object");
  if (typeof spec.name !== "string" || spec.name === "") throw new InputError("kind.name", "must be a non-empty string");
  if (kinds.has(spec.name)) {
    throw new InputError("kind.name", `a problem kind "${spec.name}" is already registered; unregisterProblemKind("${spec.name}") first to replace it`);
  }
  for (const method of ["validate", "instanceKey", "toLinearProgram"] as const) {
    if (typeof spec[method] !== "function") throw new InputError(`kind.${method}`, "must be a function");
  }
  if (spec.fromLinearProgram !== undefined && typeof spec.fromLinearProgram !== "function") {
    throw new InputError("kind.fromLinearProgram", "must be a function when given");
  }
  if (spec.fast !== undefined) {
    if (typeof spec.fast?.solve !== "function") throw new InputError("kind.fast.solve", "must be a function");
    if (spec.fast.solveBatch !== undefined && typeof spec.fast.solveBatch !== "function") {
      throw new InputError("kind.fast.solveBatch", "must be a function when given");
    }
  }
  kinds.set(spec.name, { spec, backends: kindBackends(spec) });
}

/** Removes a kind with all its backends; returns whether there was one. */
export function unregisterProblemKind(name: string): boolean {
  return kinds.delete(name);
}

/** The registered kinds' names, in registration order. */
export function problemKinds(): string[] {
  return [...kinds.keys()];
}

/** The spec of a registered kind; an unknown name throws InputError listing the known kinds. */
export function getProblemKind(name: string, ref?: InstanceRef): ProblemKindSpec {
  return entryOf(name, ref).spec;
}

/** The live backend list of a registered kind (the solver registry edits it in place). */
export function backendsOf(name: string, ref?: InstanceRef): SolverBackend[] {
  return entryOf(name, ref).backends;
}

/** The InputError for a problem whose kind is not registered. */
export function unknownKind(kind: unknown, ref?: InstanceRef): InputError {
  const known = problemKinds();
  return new InputError(whereIn(ref, "kind"), `unknown problem kind ${JSON.stringify(kind)}; known kinds: ${known.length === 0 ? "none" : known.join(", ")}`);
}

function entryOf(name: string, ref: InstanceRef | undefined): { spec: ProblemKindSpec; backends: SolverBackend[] } {
  const entry = typeof name === "string" ? kinds.get(name) : undefined;
  if (entry === undefined) throw unknownKind(name, ref);
  return entry;
}
