import type * as tf from "@tensorflow/tfjs-core";
import type { ZodObject, ZodRawShape } from "zod";
import type { PublicModel } from "./public-model.js";
import type { Random } from "./random.js";

/**
 * Serialisable description of a public model's architecture: its kind's name, the data's shape
 * and the kind's own sizes (what workers and save files carry, and what rebuilds the model).
 */
export interface ModelSpec {
  /** The registered model kind ("lstm"). */
  readonly kind: string;
  /** Length of the input window. */
  readonly window: number;
  /** Number of predicted steps. */
  readonly horizon: number;
  /** The kind's own sizes (`hidden`, `dModel`…), JSON values. */
  readonly [size: string]: unknown;
}

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

/** What a run's memory check asks of a model kind: its allocation, and the paper's sizes to blame a field against. */
export interface ModelMemory<S extends ModelSpec = ModelSpec> {
  /** Bytes of θ ×6 (weights, gradients, Adam's two moments, warm-start and saved copies) plus one batch's activations. */
  bytes(spec: S, batch: number): number;
  /** Typical value of each size field, in the order fields are blamed: a size above it is a suspect. */
  readonly typical: Readonly<Record<string, number>>;
}

/**
 * A public model architecture, as a package registers it (as agent kinds are): the fields of a
 * scenario's `model` object, the serialisable spec they make, and how to build a model from it.
 * The scenario schema, `createModel`, `loadModel` and the docs' field table all look kinds up here.
 */
export interface ModelKind<S extends ModelSpec = ModelSpec> {
  /** The name scenarios give as `model.kind` ("lstm"). */
  readonly kind: string;
  /** One line: the architecture, for the docs. */
  readonly description: string;
  /** zod object of `model`'s fields besides `kind`, with defaults; `.describe()` texts become the docs. */
  readonly fields: ZodObject<ZodRawShape>;
  /** Checks across the fields (heads dividing dModel); `issue` names a field of `model`. */
  refine?(fields: Readonly<Record<string, unknown>>, issue: (field: string, message: string) => void): void;
  /** The spec of the model a scenario describes, from `model`'s validated fields and the data's shape. */
  spec(fields: Readonly<Record<string, unknown>>, shape: { readonly window: number; readonly horizon: number }): S;
  /** What is wrong with a spec read back from a file (edited by hand, or from another version), or undefined. */
  specProblem(spec: Readonly<Record<string, unknown>>): string | undefined;
  /** A freshly initialised model from its spec, initial weights drawn from `rng`. */
  create(spec: S, rng: Random): TrainableModel;
  /** The memory check's estimate; a kind without one counts as no memory. */
  readonly memory?: ModelMemory<S>;
}
