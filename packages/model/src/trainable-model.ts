import type * as tf from "@tensorflow/tfjs";
import type { PublicModel } from "@equitable/core";
import type { ModelSpec } from "./model-spec.js";

/** A public model whose parameters θ a trainer can differentiate through. */
export interface TrainableModel extends PublicModel {
  /** The architecture, enough to rebuild the model. */
  readonly spec: ModelSpec;
  /** The trainable parameters θ, in a stable order (the save format relies on it). */
  readonly variables: readonly tf.Variable[];
  /** f(x; θ) as tfjs ops: B×window in, B×horizon out; call inside tf.tidy / a gradient closure. */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  /** Frees the parameters. */
  dispose(): void;
}
