import type { StdSpec } from "@equitable/model";
import type { BaselineKind, PolicyGradientEstimator } from "./score-weights.js";

/**
 * How the trainer treats agents whose cost it cannot differentiate (Sec. 3.2, Eq. 3-4): the
 * public model becomes a Gaussian σ_θ(ŷ | x) around its forecast, S forecasts are sampled per
 * input, every agent decides on each, and the regrets weight the samples' log-probabilities.
 */
export interface PolicyGradientOptions {
  /**
   * "auto": the chain rule for every differentiable kind, policy gradient for the rest, in the
   * same batch. "policy-gradient": every agent is a black box (to compare the two routes).
   */
  route: "auto" | "policy-gradient";
  estimator: PolicyGradientEstimator;
  /** Forecasts sampled per input (S); the leave-one-out baseline needs ≥ 2. */
  samples: number;
  baseline: BaselineKind;
  /** The Gaussian's standard deviation: learned per slot, or fixed and annealed. */
  std: StdSpec;
}
