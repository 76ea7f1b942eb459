import type { ConformanceCheck } from "./conformance-failure.js";

/** How one property of a kind failed: what broke, on which shrunk case, and where fast-check found it. */
export interface KindCheckFailure {
  /** What broke, naming the sample and the agent. */
  readonly message: string;
  /** The shrunk counterexample, as readable lines (empty when there is no case, e.g. a missing `check`). */
  readonly counterexample: readonly string[];
  /** fast-check's path of the counterexample: `--path` replays it with the same seed. */
  readonly path?: string;
  /** Shrinking steps that led from the first failing case to this one. */
  readonly shrinks: number;
}

/** The outcome of one property of one kind: passed (no `failure`) after `runs` cases, or how it failed. */
export interface KindCheckResult {
  /** The kind's `type`. */
  readonly kind: string;
  readonly check: ConformanceCheck;
  /** Cases run (up to and including the first failing one). */
  readonly runs: number;
  readonly seed: number;
  readonly failure?: KindCheckFailure;
}
