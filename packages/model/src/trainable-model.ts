import type * as tf from "@equitable/core/tf";
import type { PublicModel } from "@equitable/core";
import type { ModelSpec } from "./model-spec.js";

/**
 * A model's last layer: forward(x) = activation(features(x)·weight + bias). Lets a trainer take
 * per-sample gradients of the head alone in closed form (g = [h ⊗ e; e]) instead of one backward
 * pass per row (IRW's "last-layer" scope, arXiv 2411.03068 Sec. 7).
 */
export interface ModelHead {
  /** The penultimate features h, B×F, as tfjs ops. */
  features(x: tf.Tensor2D): tf.Tensor2D;
  /** The head's weight, F×horizon (one of `variables`). */
  readonly weight: tf.Variable;
  /** The head's bias, horizon (one of `variables`). */
  readonly bias: tf.Variable;
  /** The output activation on the pre-activation z = h·weight + bias (identity or softplus). */
  activation(z: tf.Tensor2D): tf.Tensor2D;
}

/** A public model whose parameters θ a trainer can differentiate through. */
export interface TrainableModel extends PublicModel {
  /** The architecture, enough to rebuild the model. */
  readonly spec: ModelSpec;
  /** The trainable parameters θ, in a stable order (the save format relies on it). */
  readonly variables: readonly tf.Variable[];
  /** f(x; θ) as tfjs ops: B×window in, B×horizon out; call inside tf.tidy / a gradient closure. */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  /** The last layer, for per-sample gradients of the head (every built-in model has one). */
  readonly head?: ModelHead;
  /** Frees the parameters. */
  dispose(): void;
}
