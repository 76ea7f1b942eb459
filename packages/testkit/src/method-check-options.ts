import type { ConformanceCheck } from "./conformance-failure.js";
import type { KindCheckFailure } from "./kind-check-result.js";

/** Relative tolerance of tensorLoss (float32) against value (float64): float32 keeps ~7 digits, and L is a handful of ops. */
export const DEFAULT_TENSOR_TOLERANCE = 1e-4;

/**
 * Relative tolerance of weights against central differences of value, relative to the largest
 * weight or difference: the step (1e-6 of the regret) leaves a truncation error of ~1e-12·|L'''|
 * and a rounding error of ~1e-10·|L|/|L'|, far below it; a wrong weight is off by its own size.
 */
export const DEFAULT_DERIVATIVE_TOLERANCE = 1e-4;

/** Options of {@link checkTrainingMethod}. */
export interface MethodCheckOptions {
  /** fast-check seed of every property; default DEFAULT_KIND_SEED (the kind checks' seed). */
  readonly seed?: number;
  /** Runs per property; default DEFAULT_KIND_RUNS. */
  readonly numRuns?: number;
  /** The properties to run, by name; default every one that applies to the method. */
  readonly checks?: readonly ConformanceCheck[];
  /** fast-check path of a failure to replay (with its seed and exactly one check). */
  readonly path?: string;
  /** See {@link DEFAULT_TENSOR_TOLERANCE}. */
  readonly tensorTolerance?: number;
  /** See {@link DEFAULT_DERIVATIVE_TOLERANCE}. */
  readonly derivativeTolerance?: number;
  /** Called as each property finishes (the CLI prints its line then). */
  onResult?(result: MethodCheckResult): void;
}

/** The outcome of one property of one training method: passed (no `failure`) after `runs` cases, or how it failed. */
export interface MethodCheckResult {
  /** The method's `name`. */
  readonly method: string;
  readonly check: ConformanceCheck;
  /** Cases run (up to and including the first failing one). */
  readonly runs: number;
  readonly seed: number;
  readonly failure?: KindCheckFailure;
}
