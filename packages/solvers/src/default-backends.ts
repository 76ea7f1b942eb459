import { kCheapestKind } from "./k-cheapest-kind.js";
import { kindBackends } from "./kind-backends.js";
import { getProblemKind, problemKinds, registerProblemKind } from "./kind-registry.js";
import type { ProblemKindSpec } from "./problem-kind.js";
import { singleSumKind } from "./single-sum-kind.js";
import { registerSolver, solversFor } from "./solver-registry.js";

/**
 * Registers the built-in kinds "k-cheapest" and "single-sum" with their "fast" (2) and
 * "javascript-lp-solver" (1) backends, putting back any of those backends that were removed; a
 * no-op for what is already there, and it leaves alone a kind of the same name registered by someone else.
 */
export function registerDefaultBackends(): void {
  const builtIns: ProblemKindSpec[] = [kCheapestKind, singleSumKind];
  for (const spec of builtIns) {
    if (!problemKinds().includes(spec.name)) {
      registerProblemKind(spec);
      continue;
    }
    if (getProblemKind(spec.name) !== spec) continue;
    const present = new Set(solversFor(spec.name).map((b) => b.name));
    for (const backend of kindBackends(spec)) if (!present.has(backend.name)) registerSolver(backend);
  }
}
