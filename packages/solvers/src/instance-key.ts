import { getProblemKind } from "./kind-registry.js";
import type { ProblemLike } from "./problem-kind.js";

/** The cache's identity of a validated instance: its kind's name, then the kind's own instanceKey. */
export function instanceKey<P extends ProblemLike>(problem: P): string {
  return `${problem.kind}:${getProblemKind(problem.kind).instanceKey(problem)}`;
}
