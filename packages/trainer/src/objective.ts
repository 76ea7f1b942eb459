/**
 * What a public model is trained on. `q` is always the paper's q ≥ 0 in Eq. 2; the exponent
 * applied to agents' mean regrets is q + 1 (the paper's tables print q + 1).
 */
export type TrainingObjective =
  | {
      /** Plain PM: mean squared error only. */
      method: "plain";
    }
  | {
      /** Equitable PM: (1 − β)·L^q + β·MSE (Eq. 2, Appendix A.5); β = 0 is L^q alone. */
      method: "equitable";
      /** The paper's q ≥ 0; agents' mean regrets are raised to q + 1. */
      q: number;
      /** Weight of MSE in the combined objective (Appendix A.5), in [0, 1]. */
      beta: number;
      /**
       * "power": Σ_m C̄_m^(q+1) exactly as Eq. 2. "norm": (Σ_m C̄_m^(q+1))^(1/(q+1)) / M, the
       * authors' form — same minimiser, gradients that do not vanish or explode as q grows.
       */
      form: "power" | "norm";
    };

/** The exponent q + 1 of Eq. 2 for an objective (1 for Plain PM's implicit total-regret view). */
export function exponentOf(objective: TrainingObjective): number {
  return objective.method === "equitable" ? objective.q + 1 : 1;
}
