/** Names of the checks the kit runs; a failure says which one broke. */
export type ConformanceCheck =
  | "identity"
  | "shape"
  | "finite"
  | "non-negative"
  | "zero-at-truth"
  | "deterministic"
  | "pure"
  | "rows-independent"
  | "own-context"
  | "differentiable-api"
  | "tensor-matches-float"
  | "gradient"
  | "no-tensor-leak"
  | "arbitraries"
  | "feasible"
  | "regret-matches-decisions"
  | "fast-path-matches-ilp"
  | "same-seed-same-output"
  | "seed-matters"
  | "rng-only"
  | "live-same-seed-same-trajectory"
  | "live-state-feasible"
  | "live-regret-non-negative"
  | "live-regret-superadditive"
  | "live-zero-with-foresight"
  | "options-name-field"
  | "tensor-loss-matches-value"
  | "weights-match-value"
  | "response-reference-is-baseline"
  | "response-deterministic"
  | "response-finite"
  | "response-monotone"
  | "feedback-regret-non-negative"
  | "feedback-zero-at-fixed-point";

/** One broken promise: the check, and a line saying where (trial, sample, agent) and by how much. */
export interface ConformanceFailure {
  readonly check: ConformanceCheck;
  readonly message: string;
}

/** Thrown by the assert helpers: every failure, one per line, so a test report shows them all. */
export class ConformanceError extends Error {
  readonly failures: readonly ConformanceFailure[];

  constructor(subject: string, failures: readonly ConformanceFailure[]) {
    super(`${subject} does not conform:\n${failures.map((f) => `  [${f.check}] ${f.message}`).join("\n")}`);
    this.name = "ConformanceError";
    this.failures = failures;
  }
}
