import type { Decision, ProblemLike } from "./problem-kind.js";

/** Choose exactly k of T slots (binary), minimising Σ costs_t·x_t: the EV / phone charging ILP (Eq. 13, uniform rate). */
export interface KCheapestProblem {
  kind: "k-cheapest";
  costs: ArrayLike<number>;
  k: number;
}

/** min Σ costs_t·x_t s.t. Σ x_t = total, 0 ≤ x_t ≤ upper_t (upper_t may be +Infinity): an LP with one sum row. */
export interface SingleSumProblem {
  kind: "single-sum";
  costs: ArrayLike<number>;
  upper: ArrayLike<number>;
  total: number;
}

/** The built-in problem kinds; any registered kind's problems are ProblemLike. */
export type Problem = KCheapestProblem | SingleSumProblem;

/** A k-cheapest decision is x ∈ {0,1}^T (Uint8Array), a single-sum one x ∈ ℝ^T (Float64Array); other kinds' are some Decision. */
export type DecisionOf<P extends ProblemLike> = P extends KCheapestProblem ? Uint8Array : P extends SingleSumProblem ? Float64Array : Decision;
