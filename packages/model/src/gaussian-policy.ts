import * as tf from "@equitable/core/tf";
import type { Random } from "@equitable/core";
import { modelVariable, newModelId } from "./init.js";
import type { TrainableModel } from "./trainable-model.js";

/** How the Gaussian's standard deviation is set: learned per predicted slot, or fixed and annealed geometrically over epochs. */
export type StdSpec =
  | { kind: "learned"; init: number } // trainable log-std per slot, starting at log(init), state-independent
  | { kind: "fixed"; value: number; annealTo?: number }; // σ(epoch) = value·(annealTo/value)^(epoch/(epochs−1))

/** The probabilistic public model σ_θ(ŷ | x) of Sec. 3.2 (Eq. 3): a Gaussian around a model's forecast. */
export interface GaussianPolicy {
  /** Its forward() is the mean μ_θ(x); inference uses the mean (model.predict). */
  readonly model: TrainableModel;
  /** How σ is set (validated). */
  readonly std: StdSpec;
  /** Slots per forecast, the model's horizon. */
  readonly horizon: number;
  /** Trainable parameters: the model's variables plus the log-std vector when learned. */
  readonly variables: readonly tf.Variable[];
  /** log σ per slot for this epoch, a 1×horizon tensor (a variable read for "learned", a constant for "fixed"); call inside tidy/gradient closures. */
  logStd(epoch: number, epochs: number): tf.Tensor2D;
  /** Draws S samples per row from N(mean, exp(logStd)²) with the seeded rng: returns S×B×H float32, row-major [s][b][h]. */
  sample(mean: Float32Array, logStd: Float32Array, rows: number, samples: number, rng: Random): Float32Array;
  /** Σ over slots of log N(ŷ; μ, σ²) per sample and row: S×B×H samples, B×H mean, 1×H logStd → S×B, differentiable in mean and logStd. */
  logProb(samples: tf.Tensor3D, mean: tf.Tensor2D, logStd: tf.Tensor2D): tf.Tensor2D;
  /** Frees the log-std variable (not the model). */
  dispose(): void;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function checkStd(field: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`createGaussianPolicy: ${field} must be a positive finite number, got ${value}`);
  }
}

/**
 * Wraps `model` as a Gaussian policy for policy-gradient training. A learned σ is
 * state-independent (one log-std per slot, started at log(init)): it lets training widen or
 * narrow exploration per slot without a second output head on the model.
 */
export function createGaussianPolicy(model: TrainableModel, std: StdSpec): GaussianPolicy {
  const horizon = model.horizon;
  std = { ...std }; // a caller mutating its object later must not change the schedule
  let logStdVar: tf.Variable | undefined;
  if (std.kind === "learned") {
    checkStd("std.init", std.init);
    logStdVar = modelVariable(new Float32Array(horizon).fill(Math.log(std.init)), [horizon], "policy/log_std", newModelId());
  } else if (std.kind === "fixed") {
    checkStd("std.value", std.value);
    if (std.annealTo !== undefined) checkStd("std.annealTo", std.annealTo);
  } else {
    throw new RangeError(`createGaussianPolicy: std.kind must be 'learned' or 'fixed', got '${(std as { kind: unknown }).kind}'`);
  }
  const variables = logStdVar ? [...model.variables, logStdVar] : [...model.variables];

  function logStd(epoch: number, epochs: number): tf.Tensor2D {
    if (!Number.isInteger(epochs) || epochs < 1) {
      throw new RangeError(`GaussianPolicy.logStd: epochs must be a positive integer, got ${epochs}`);
    }
    if (!Number.isFinite(epoch) || epoch < 0 || epoch > epochs - 1) {
      throw new RangeError(`GaussianPolicy.logStd: epoch must be in [0, ${epochs - 1}], got ${epoch}`);
    }
    // A new handle on the variable's data: a caller disposing it cannot free the variable.
    if (logStdVar) return tf.reshape(logStdVar, [1, horizon]);
    const fixed = std as { kind: "fixed"; value: number; annealTo?: number };
    const progress = epochs > 1 ? epoch / (epochs - 1) : 0;
    // Geometric interpolation in log space: value·(annealTo/value)^progress.
    const log = Math.log(fixed.value) + progress * (Math.log(fixed.annealTo ?? fixed.value) - Math.log(fixed.value));
    return tf.fill([1, horizon], log) as tf.Tensor2D;
  }

  function sample(mean: Float32Array, logStdValues: Float32Array, rows: number, samples: number, rng: Random): Float32Array {
    if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`GaussianPolicy.sample: rows must be a non-negative integer, got ${rows}`);
    if (!Number.isInteger(samples) || samples < 0) {
      throw new RangeError(`GaussianPolicy.sample: samples must be a non-negative integer, got ${samples}`);
    }
    if (mean.length !== rows * horizon) {
      throw new RangeError(`GaussianPolicy.sample: expected ${rows}×${horizon} means, got ${mean.length} values`);
    }
    if (logStdValues.length !== horizon) {
      throw new RangeError(`GaussianPolicy.sample: expected ${horizon} log-std values, got ${logStdValues.length}`);
    }
    const sigma = Float64Array.from(logStdValues, Math.exp);
    const out = new Float32Array(samples * rows * horizon);
    let i = 0;
    for (let s = 0; s < samples; s++) {
      for (let j = 0; j < mean.length; j++) out[i++] = mean[j] + sigma[j % horizon] * rng.normal();
    }
    return out;
  }

  function logProb(samplesT: tf.Tensor3D, mean: tf.Tensor2D, logStdT: tf.Tensor2D): tf.Tensor2D {
    // −½ Σ_h ((ŷ − μ)/σ)² − Σ_h log σ − H·½ log 2π; the last two terms are shared by every row.
    const scaled = tf.mul(tf.square(tf.sub(samplesT, mean)), tf.exp(tf.mul(logStdT, -2)));
    const shared = tf.add(tf.sum(logStdT), horizon * HALF_LOG_2PI);
    return tf.sub(tf.mul(tf.sum(scaled, 2), -0.5), shared) as tf.Tensor2D;
  }

  return {
    model,
    std,
    horizon,
    variables,
    logStd,
    sample,
    logProb,
    dispose: () => logStdVar?.dispose(),
  };
}
