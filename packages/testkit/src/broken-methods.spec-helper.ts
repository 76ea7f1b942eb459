// Deliberately broken training methods (specs only): each must be caught by the method check meant for it.
// Each keeps its base's name, so its jobs' objectives still name it; none is ever registered.
import * as tf from "@equitable/core/tf";
import type { TrainingMethod } from "@equitable/core";
import { cvarMethod, equitableMethod } from "@equitable/trainer";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMethod = TrainingMethod<any>;

/** Equitable PM whose weights are twice ∂L/∂C̄ (a forgotten ½, or a chain rule applied twice). */
export const doubledWeights: AnyMethod = {
  ...equitableMethod,
  weights: (means, o) => equitableMethod.weights!(means, o).map((w) => 2 * w),
};

/** CVaR whose per-sample weights spread over every sample instead of the worst α fraction. */
export const uniformCvar: AnyMethod = {
  ...cvarMethod,
  perSample: { ...cvarMethod.perSample!, weights: (regrets) => new Float64Array(regrets.length).fill(1 / regrets.length) },
};

/** Equitable PM whose tensorLoss drops the 1/M of the norm form: the chain rule trains another L than the tables report. */
export const unscaledTensorLoss: AnyMethod = {
  ...equitableMethod,
  tensorLoss: (means, o) => tf.tidy(() => tf.mul(equitableMethod.tensorLoss!(means, o), means.shape[0] + 1) as tf.Scalar),
};

/** Equitable PM that ignores `methodOptions.lenient` (a typo there passes silently). */
export const lenientOptions: AnyMethod = {
  ...equitableMethod,
  jobs: (settings) => equitableMethod.jobs({ ...settings, options: {} }),
};

let calls = 0;
/** Equitable PM whose value drifts with every call (state carried between calls). */
export const driftingValue: AnyMethod = {
  ...equitableMethod,
  value: (means, o) => equitableMethod.value!(means, o) + 1e-12 * ++calls,
};
