/** An action â = π(ŷ, ξ) an agent takes from a forecast; a number for capacity, a schedule for EVs. */
export type Decision = number | Float64Array;

/** Decision regret C = cost(π(ŷ), ξ, y) − cost(π(y), ξ, y) ≥ 0 (Sec. 3). */
export type Regret = number;

/**
 * One downstream agent m: the policy π_m it uses to decide from a forecast, the cost it
 * pays under the truth, and the regret of deciding on ŷ instead of y. Float64, plain TypeScript.
 */
export interface Agent<Xi = number, D extends Decision = Decision> {
  /** Stable identifier used in reports (regrets.csv). */
  readonly id: string;
  /** π_m(ŷ, ξ): the agent's own optimisation, solved for the forecast ŷ. */
  decide(forecast: ArrayLike<number>, xi: Xi): D;
  /** cost_m(â, ξ, y): what the decision costs under the true signal. */
  cost(decision: D, xi: Xi, truth: ArrayLike<number>): number;
  /** C_m = cost(π(ŷ)) − cost(π(y)), both under the truth. */
  regret(forecast: ArrayLike<number>, xi: Xi, truth: ArrayLike<number>): Regret;
}

/**
 * M agents of one kind acting on a batch at once: the float64 reference every trainer
 * and evaluator uses, so no caller loops over agents itself.
 */
export interface AgentPopulation {
  /** Agent kind, as named in scenario files (e.g. "datacenter"). */
  readonly kind: string;
  /** Agent identifiers, one per column of ξ. */
  readonly ids: readonly string[];
  /** Values of ξ per agent per tick (the last axis of xi). */
  readonly xiWidth: number;
  /** Whether cost ∘ policy is differentiable in the forecast (chain-rule route, Sec. 3.2). */
  readonly differentiable: boolean;
  /**
   * Regrets of all agents on a batch: forecasts and truths are B×horizon, xi is B×M×xiWidth;
   * returns B×M, row-major (PyEPO's `reduction: "none"`).
   */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array;
  /** Frees what the population keeps on the tfjs backend (constant tensors); absent when it keeps none. */
  dispose?(): void;
}
