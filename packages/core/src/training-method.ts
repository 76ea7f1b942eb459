import type * as tf from "@tensorflow/tfjs-core";
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
  /** The worst-off fraction α of the scenario (`alpha`): what `worstAlpha` reports and α-sized methods default to. */
  readonly alpha: number;
  /** The scenario's `methodOptions[<name>]`, unvalidated (the method's `params` validate the jobs). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** Row fields a method reports beside the metrics; null where it has no such parameter. */
export interface MethodSummary {
  readonly q: number | null;
  readonly qPlusOne: number | null;
  readonly beta: number | null;
}

/** How gradients reach θ (Sec. 3.2): back-propagation through differentiable agents, or REINFORCE over sampled forecasts. */
export type TrainingRoute = "chain-rule" | "policy-gradient";

/** Which parameters per-sample gradients are taken over: the model's last (output) layer, or all of θ. */
export type GradientScope = "last-layer" | "full";

/**
 * When a per-sample method computes its weights (arXiv 2411.03068 Sec. 4.3): "local" per
 * mini-batch from the batch's own samples, "global" once per epoch from all training samples
 * (the step then reads each sample's weight from that epoch's table).
 */
export type WeightingScheme = "local" | "global";

/**
 * Per-sample gradients g_a = ∇C_a of N anonymous regrets, sample a = (row i, agent m) row-major,
 * over the parameters of one {@link GradientScope}. Held factored (g_a = Φ_iᵀ e_a: the row's
 * output Jacobian times ∂C_a/∂output_i), so no N×P matrix is ever formed.
 */
export interface SampleGradients {
  /** N = rows·agents, the number of samples. */
  readonly count: number;
  /** Rows (ticks) the samples come from. */
  readonly rows: number;
  /** Agents per row. */
  readonly agents: number;
  /** P, the number of parameters the gradients are taken over. */
  readonly dimension: number;
  /** Σ_a c_a·g_a for coefficients c (length N): a P-vector. */
  combine(coefficients: Float64Array): Float64Array;
  /** ⟨g_a, v⟩ for every sample a, v a P-vector. */
  project(v: Float64Array): Float64Array;
  /** ⟨g_a, g_b⟩. */
  dot(a: number, b: number): number;
  /** ‖g_a − g_b‖² for every sample b, written into `out` (length N): one DBSCAN region query of IRWO. */
  squaredDistances(a: number, out: Float64Array): void;
  /** The samples of rows [firstRow, firstRow + rows) (IRWO clusters a batch-sized block at a time). */
  slice(firstRow: number, rows: number): SampleGradients;
}

/** The routes a method trains through: its own list, else both for agent-level methods and the chain rule alone for per-sample ones. */
export function methodRoutes(method: Pick<TrainingMethod, "routes" | "perSample">): readonly TrainingRoute[] {
  return method.routes ?? (method.perSample ? ["chain-rule"] : ["chain-rule", "policy-gradient"]);
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
    /** `gradients` is given when {@link gradients} names a scope: the samples' per-sample gradients. */
    weights(regrets: Float64Array, rows: number, agents: number, objective: O, gradients?: SampleGradients): Float64Array;
    /** The per-sample gradients `weights` reads (IRW's ⟨g_i, g_w⟩), or undefined for none. */
    gradients?(objective: O): GradientScope | undefined;
    /** "global": `weights` sees all training rows once per epoch; "local" (the default): each batch. */
    scheme?(objective: O): WeightingScheme;
  };
  /** The routes this method can train through ({@link methodRoutes} gives the default); others are refused naming the field. */
  readonly routes?: readonly TrainingRoute[];
  /**
   * L as a tfjs expression of agents' mean regrets (1-D, M) for the chain rule; else the surrogate
   * is used. `populationWeights` (1-D, M), when given, makes agent m stand for w_m agents: L must
   * then equal L over w_m copies of each (a method that cannot must not set `populationWeights`).
   */
  tensorLoss?(agentMeans: tf.Tensor1D, objective: O, populationWeights?: tf.Tensor1D): tf.Scalar;
  /** Whether `tensorLoss` honours population weights (scenario groups' `weight`). */
  readonly populationWeights?: boolean;
  /** q, q+1 and β as summary rows report them. */
  summary(objective: O): MethodSummary;
}
