import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import { getProblemKind } from "./kind-registry.js";
import type { ProblemLike } from "./problem-kind.js";

/** Throws InputError (malformed, or an unknown kind) or InfeasibleProblemError (no feasible x), naming the agent/instance and field. */
export function validateProblem<P extends ProblemLike>(problem: P, ref?: InstanceRef): void {
  if (problem === null || typeof problem !== "object") throw new InputError(whereIn(ref, "problem"), "must be an object");
  getProblemKind(problem.kind, ref).validate(problem, ref);
}
