import type * as tf from "@tensorflow/tfjs";
import type { ZodType } from "zod";

/**
 * What one public model is trained on: a registered method's name and its parameters, flat
 * (`{ method: "equitable", q: 2, beta: 0, form: "norm" }`). Saved beside every model.
 */
export interface TrainingObjective {
  readonly method: string;
  readonly [param: string]: unknown;
}

/** One model a run trains: its objective and the label of its files and table row. */
export interface TrainingJob<O extends TrainingObjective = TrainingObjective> {
  readonly objective: O;
  readonly label: string;
}

/** The scenario settings methods read when a run expands them into jobs. */
export interface MethodSettings {
  /** The paper's q values (≥ 0): the exponent on agents' mean regrets is q + 1. */
  readonly q: readonly number[];
  /** β of the combined objective (1 − β)·L + β·MSE (Appendix A.5). */
  readonly beta: number;
  /** "norm" or "power" form of Eq. 2. */
  readonly lossForm: "norm" | "power";
  /** The scenario's `methodOptions[<name>]`, unvalidated (the method's `params` validate the jobs). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** Row fields a method reports beside the metrics; null where it has no such parameter. */
export interface MethodSummary {
  readonly q: number | null;
  readonly qPlusOne: number | null;
  readonly beta: number | null;
}

/**
 * A training method, registered by name (tfjs's kernel registry): from agents' mean regrets
 * C̄_m its loss L and weights ∂L/∂C̄_m. One training step drives every method through the
 * surrogate Σ_m (∂L/∂C̄_m)·C̄_m, whose gradient is ∇L for any L of the agents' mean regrets
 * (chain rule and policy gradient alike); `tensorLoss`, when given, is L itself as tfjs ops.
 */
export interface TrainingMethod<O extends TrainingObjective = TrainingObjective> {
  /** The name objectives, scenarios and `--methods` use ("equitable"). */
  readonly name: string;
  /** The table's method column ("Equitable PM"). */
  readonly label: string;
  /** One line for `--help` and the docs. */
  readonly description: string;
  /** Validates an objective of this method (with `method`), filling defaults; errors name the field. */
  readonly params: ZodType<O>;
  /** False for a baseline trained on MSE alone (Plain PM): no regrets are computed, no warm start applies. */
  readonly usesRegrets: boolean;
  /** The models `run` trains for this method from the scenario's settings. */
  jobs(settings: MethodSettings): TrainingJob<O>[];
  /** β: the weight of MSE in (1 − β)·L + β·MSE (Appendix A.5); 1 for an MSE-only method. */
  mseWeight(objective: O): number;
  /** L of agents' mean regrets (length M), float64 (methods of mean regrets; else `perSample`). */
  value?(agentMeans: Float64Array, objective: O): number;
  /** ∂L/∂C̄_m for every agent, float64 (the worst-off weigh most under an equitable L). */
  weights?(agentMeans: Float64Array, objective: O): Float64Array;
  /**
   * For methods defined on each sample's regrets rather than agents' means (CVaR of samples,
   * reweighting schemes without agent labels): L of the B×M regret matrix and ∂L/∂C_{i,m}.
   * Trained through the chain rule only; the policy-gradient route needs agent-level weights.
   */
  readonly perSample?: {
    value(regrets: Float64Array, rows: number, agents: number, objective: O): number;
    weights(regrets: Float64Array, rows: number, agents: number, objective: O): Float64Array;
  };
  /** L as a tfjs expression of agents' mean regrets (1-D, M) for the chain rule; else the surrogate is used. */
  tensorLoss?(agentMeans: tf.Tensor1D, objective: O): tf.Scalar;
  /** q, q+1 and β as summary rows report them. */
  summary(objective: O): MethodSummary;
}
