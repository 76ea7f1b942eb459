import type { ConformanceCheck } from "./conformance-failure.js";
import type { KindCheckResult } from "./kind-check-result.js";

/** Seed of `checkAgentKind` when none is given: the same cases on every run, as everything here. */
export const DEFAULT_KIND_SEED = 1;

/** Runs per property when none is given (slow properties take a share of them). */
export const DEFAULT_KIND_RUNS = 100;

/** Options of {@link checkAgentKind}. */
export interface KindCheckOptions {
  /** fast-check seed of every property; default {@link DEFAULT_KIND_SEED}. */
  readonly seed?: number;
  /** Runs per property; default {@link DEFAULT_KIND_RUNS} (fast-path-matches-ilp takes half). */
  readonly numRuns?: number;
  /** The properties to run, by name; default every one that applies to the kind. */
  readonly checks?: readonly ConformanceCheck[];
  /** fast-check path of a failure to replay (with its seed and exactly one check). */
  readonly path?: string;
  /** Relative tolerance of float64 comparisons; default 1e-9. */
  readonly tolerance?: number;
  /** Called as each property finishes (the CLI prints its line then). */
  onResult?(result: KindCheckResult): void;
}
