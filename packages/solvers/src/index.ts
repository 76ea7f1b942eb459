import { registerDefaultBackends } from "./default-backends.js";

export { whereIn, type InstanceRef } from "./instance-ref.js";
export { InfeasibleProblemError, ProblemOutcomeError, UnboundedProblemError } from "./problem-errors.js";
export type { ConstraintSpec, LinearProgram, VariableSpec } from "./linear-program.js";
export type { Decision, KindSolver, ProblemKindSpec, ProblemLike, SolverBackend } from "./problem-kind.js";
export type { DecisionOf, KCheapestProblem, SingleSumProblem } from "./problems.js";
export { getProblemKind, problemKinds, registerProblemKind, unregisterProblemKind } from "./kind-registry.js";
export { float64Key } from "./float64-key.js";
export { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
export { registerDefaultBackends } from "./default-backends.js";
export { registerSolver, solversFor, unregisterSolver } from "./solver-registry.js";
export { solve, type SolveOptions } from "./solve.js";
export { solveBatch, type SolveBatchOptions } from "./solve-batch.js";
export { createSolutionCache, type SolutionCache, type SolutionCacheOptions } from "./solution-cache.js";
export { prefixSumsByRank, rankSlotsBatch, selectCheapestBatch } from "./select-cheapest-batch.js";
export { kCheapestRegrets, MAX_SLOTS } from "./k-cheapest-regrets.js";
export { checkSlotBatch } from "./check-slot-batch.js";

// Like tfjs-core's backends, the built-in kinds register themselves when the package is loaded.
registerDefaultBackends();
export { slotScheduleHooks, type SlotScheduleReader } from "./slot-schedule-hooks.js";
