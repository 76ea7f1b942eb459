import * as tf from "@equitable/core/tf";
import { z } from "zod";
import type { ModelKind, Random, TrainableModel } from "@equitable/core";

/** The spec of a linear public model: the data's shape and whether forecasts pass through softplus. */
export type LinearSpec = { kind: "linear"; window: number; horizon: number; softplus: boolean };

// tfjs refuses two variables of one name; each instance's get their own suffix (the save format drops it).
let instances = 0;

function variable(values: Float32Array, shape: number[], name: string, id: number): tf.Variable {
  const initial = tf.tensor(values, shape, "float32");
  try {
    return tf.variable(initial, true, `${name}#${id}`);
  } finally {
    initial.dispose();
  }
}

/** ŷ = x·w + b over the window (softplus on top when asked): the smallest model a trainer can differentiate. */
export function createLinear(spec: LinearSpec, rng: Random): TrainableModel {
  const { window, horizon } = spec;
  const id = ++instances;
  // Uniform in ±1/√window: forecasts start at the signal's scale, whatever the window.
  const bound = 1 / Math.sqrt(window);
  const w = variable(Float32Array.from({ length: window * horizon }, () => (2 * rng.next() - 1) * bound), [window, horizon], "linear/w", id);
  const b = variable(new Float32Array(horizon), [horizon], "linear/b", id);
  const variables = [w, b];
  const activation = (z: tf.Tensor2D): tf.Tensor2D => (spec.softplus ? (tf.softplus(z) as tf.Tensor2D) : z);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => activation(tf.add(tf.matMul(x, w), b) as tf.Tensor2D);
  return {
    kind: "linear",
    window,
    horizon,
    spec,
    variables,
    forward,
    // The features are the window itself, so a trainer's last-layer gradients cover all of θ.
    head: { features: (x) => x, weight: w, bias: b, activation },
    predict: (x, batch) => tf.tidy(() => forward(tf.tensor2d(x, [batch, window])).dataSync() as Float32Array),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/** The model kind scenarios name as `"model": { "kind": "linear" }`. */
export const linearKind: ModelKind<LinearSpec> = {
  kind: "linear",
  description: "a linear map from the window to the horizon, ŷ = x·w + b (softplus on top when `softplus`)",
  fields: z.object({
    softplus: z.boolean().default(false).describe("pass forecasts through softplus, so they stay positive"),
  }),
  spec: (m, { window, horizon }) => ({ kind: "linear", window, horizon, softplus: m.softplus as boolean }),
  specProblem(spec) {
    for (const key of ["window", "horizon"]) {
      const v = spec[key];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1) return `${key} must be a positive integer`;
    }
    return typeof spec.softplus === "boolean" ? undefined : "softplus must be true or false";
  },
  create: createLinear,
  memory: {
    bytes: ({ window, horizon }, batch) => ((window * horizon + horizon) * 6 + batch * horizon) * 4,
    typical: {},
  },
};
