import type { Random } from "@equitable/core";

/** What the kit needs to know about a population to exercise it ({@link checkAgentPopulation}). */
export interface PopulationCheckOptions {
  /** Seed of every draw the kit makes: same seed, same inputs, same verdict. */
  readonly seed: number | string;
  /** Steps per forecast the population expects (1 for Eq. 12 data centres, 12 for EVs). */
  readonly horizon: number;
  /**
   * Draws ξ for `batch` samples: batch×M×xiWidth values, sample-major, agent next, feature last
   * (the layout `regrets` reads). Values must lie in the population's domain.
   */
  sampleXi(rng: Random, batch: number): ArrayLike<number>;
  /** Forecast and truth values are drawn uniformly in this range; default [0.5, 10] (the [0, 10] scaling, away from 0). */
  readonly signalRange?: readonly [number, number];
  /** Samples per drawn batch; default 4. */
  readonly batch?: number;
  /** Independent batches drawn; default 10. */
  readonly trials?: number;
  /** Relative tolerance of float64 comparisons (regret ≥ 0, regret at truth = 0); default 1e-9. */
  readonly tolerance?: number;
  /** Relative tolerance of the tensor checks (float32 and finite differences); default 2e-2. */
  readonly gradientTolerance?: number;
}

/** The options with every default filled in. */
export interface ResolvedPopulationCheckOptions extends Required<Omit<PopulationCheckOptions, "sampleXi">> {
  sampleXi(rng: Random, batch: number): ArrayLike<number>;
}

/** Fills the defaults and refuses options the kit cannot run with. */
export function resolvePopulationCheckOptions(opts: PopulationCheckOptions): ResolvedPopulationCheckOptions {
  const resolved = {
    seed: opts.seed,
    horizon: opts.horizon,
    sampleXi: opts.sampleXi,
    signalRange: opts.signalRange ?? ([0.5, 10] as const),
    batch: opts.batch ?? 4,
    trials: opts.trials ?? 10,
    tolerance: opts.tolerance ?? 1e-9,
    gradientTolerance: opts.gradientTolerance ?? 2e-2,
  };
  for (const key of ["horizon", "batch", "trials"] as const) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`checkAgentPopulation: ${key} must be an integer ≥ 1, got ${v}`);
  }
  const [lo, hi] = resolved.signalRange;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`checkAgentPopulation: signalRange must be two finite numbers lo < hi, got [${lo}, ${hi}]`);
  }
  return resolved;
}
