import type { TrainingObjective } from "@equitable/core";

/**
 * The Equitable PM's objective: (1 − β)·L^q + β·MSE (Eq. 2, Appendix A.5). `q` is always the
 * paper's q ≥ 0; the exponent applied to agents' mean regrets is q + 1 (the paper's tables print q + 1).
 */
export interface EquitableObjective extends TrainingObjective {
  readonly method: "equitable";
  /** The paper's q ≥ 0; agents' mean regrets are raised to q + 1. */
  readonly q: number;
  /** Weight of MSE in the combined objective (Appendix A.5), in [0, 1]. */
  readonly beta: number;
  /**
   * "power": Σ_m C̄_m^(q+1) exactly as Eq. 2. "norm": (Σ_m C̄_m^(q+1))^(1/(q+1)) / M, the
   * authors' form — same minimiser, gradients that do not vanish or explode as q grows.
   */
  readonly form: "power" | "norm";
}

/** Plain PM's objective: mean squared error only (the paper's baseline). */
export interface PlainObjective extends TrainingObjective {
  readonly method: "plain";
}
