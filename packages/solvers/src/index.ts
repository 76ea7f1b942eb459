import { registerDefaultBackends } from "./default-backends.js";

export { describeInstance, type InstanceRef } from "./instance-ref.js";
export { InfeasibleProblemError, ProblemOutcomeError, UnboundedProblemError } from "./problem-errors.js";
export {
  LP_SOLVER_PRECISION, solveLinearProgram,
  type ConstraintSpec, type LinearProgram, type LpSolution, type VariableSpec,
} from "./linear-program.js";
export {
  objectiveOf, PROBLEM_KINDS, toLinearProgram, validateProblem,
  type DecisionOf, type KCheapestProblem, type Problem, type ProblemKind, type ProblemOfKind, type SingleSumProblem,
} from "./problems.js";
export { solveKCheapestFast } from "./fast-k-cheapest.js";
export { solveSingleSumFast } from "./fast-single-sum.js";
export { solveKCheapestLp, solveSingleSumLp } from "./lp-backends.js";
export {
  registerSolver, resolveSolver, solve, solversFor, unregisterSolver,
  type SolveOptions, type SolverBackend,
} from "./solver-registry.js";
export { FAST_BACKEND, LP_BACKEND, registerDefaultBackends } from "./default-backends.js";
export { createSolutionCache, instanceKey, type SolutionCache, type SolutionCacheOptions } from "./solution-cache.js";
export { maskedSum, prefixSumsByRank, rankSlotsBatch, selectCheapestBatch } from "./select-cheapest-batch.js";
export { solveBatch, type SolveBatchOptions } from "./solve-batch.js";

// Like tfjs-core's backends, the built-in solvers register themselves when the package is loaded.
registerDefaultBackends();
