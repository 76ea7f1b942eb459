import * as tf from "@equitable/core/tf";
import type { Random } from "@equitable/core";

/** Glorot-uniform weights drawn from a seeded source (tfjs initialisers' seeds are not portable). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Random): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (rng.next() * 2 - 1) * limit;
  return w;
}

/** Throws a RangeError unless every size of a model's architecture is a positive integer. */
export function checkSizes(model: string, sizes: Record<string, number>): void {
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${model}: ${name} must be a positive integer, got ${value}`);
    }
  }
}

// tfjs keeps variables in a registry keyed by name and refuses a second one with the same
// name; Adam and friends also look variables up there by name. Each model's variables get a
// `#n` suffix so that several models (or a model and its reloaded copy) can live side by side.
const SUFFIX = "#";
let nextModelId = 0;

/** A fresh suffix for the variables of one model instance. */
export function newModelId(): number {
  return ++nextModelId;
}

/**
 * A trainable float32 variable holding `values`, named `${name}#${modelId}`. The initial
 * tensor is disposed here: `tf.variable` shares its data, so keeping it would leak one tensor
 * per parameter for the life of the process.
 */
export function modelVariable(values: Float32Array, shape: number[], name: string, modelId: number): tf.Variable {
  const initial = tf.tensor(values, shape, "float32");
  try {
    return tf.variable(initial, true, `${name}${SUFFIX}${modelId}`);
  } finally {
    initial.dispose();
  }
}

/** The architecture-level name of a model variable ("lstm/wx"), without its instance suffix. */
export function parameterName(v: tf.Variable): string {
  const at = v.name.lastIndexOf(SUFFIX);
  return at < 0 ? v.name : v.name.slice(0, at);
}
