/**
 * The public model f(x; θ) (Sec. 3): maps a batch of public features to forecasts.
 * Implementations own their parameters; `predict` is for evaluation (no gradients).
 */
export interface PublicModel {
  /** Architecture name, e.g. "lstm" or "mlp". */
  readonly kind: string;
  /** Length of the input window. */
  readonly window: number;
  /** Number of predicted steps. */
  readonly horizon: number;
  /** Forecasts for B rows of x (B×window) as B×horizon float32. */
  predict(x: Float32Array, batch: number): Float32Array;
  /** The same forecasts read asynchronously: what evaluation calls when present (a webgpu model cannot read synchronously). */
  predictAsync?(x: Float32Array, batch: number): Promise<Float32Array>;
}
