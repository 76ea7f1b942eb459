import type { AgentPopulation, Random } from "@equitable/core";
import type { DifferentiablePopulation } from "@equitable/core";
import type * as tf from "@equitable/core/tf";

/** ξ sampler for Eq. 12 data centres: one demand w ∈ [0.5, 10] per agent. */
export function datacenterXi(agents: number) {
  return (rng: Random, batch: number) => Float64Array.from({ length: batch * agents }, () => 0.5 + 9.5 * rng.next());
}

/** ξ sampler for EVs: [need, rate] with rate ∈ [1, 7] kW and need/rate within half a slot of an integer k ∈ [1, slots]. */
export function evXi(agents: number, slots = 12) {
  return (rng: Random, batch: number) => {
    const xi = new Float64Array(batch * agents * 2);
    for (let i = 0; i < batch * agents; i++) {
      const rate = 1 + 6 * rng.next();
      const k = 1 + rng.int(slots);
      xi[2 * i] = rate * (k - 0.4 + 0.8 * rng.next());
      xi[2 * i + 1] = rate;
    }
    return xi;
  };
}

/** ξ sampler for phones: [k ∈ 1..slots, μ ∈ [0.5, 1.5]]. */
export function phoneXi(agents: number, slots = 12) {
  return (rng: Random, batch: number) => {
    const xi = new Float64Array(batch * agents * 2);
    for (let i = 0; i < batch * agents; i++) {
      xi[2 * i] = 1 + rng.int(slots);
      xi[2 * i + 1] = 0.5 + rng.next();
    }
    return xi;
  };
}

/** A population that forwards to a real one except where a test breaks it on purpose. */
export function broken(
  base: AgentPopulation,
  change: {
    regrets?: (f: ArrayLike<number>, t: ArrayLike<number>, xi: ArrayLike<number>, batch: number) => unknown;
    regretsTensor?: (f: tf.Tensor2D, t: tf.Tensor2D, xi: tf.Tensor2D) => tf.Tensor2D;
    ids?: readonly string[];
    differentiable?: boolean;
    dropTensor?: boolean;
  },
): AgentPopulation {
  const d = base as DifferentiablePopulation;
  const out: Record<string, unknown> = {
    kind: base.kind,
    ids: change.ids ?? base.ids,
    xiWidth: base.xiWidth,
    differentiable: change.differentiable ?? base.differentiable,
    regrets: change.regrets ?? ((f: ArrayLike<number>, t: ArrayLike<number>, xi: ArrayLike<number>, b: number) => base.regrets(f, t, xi, b)),
  };
  if (typeof d.regretsTensor === "function" && !change.dropTensor) {
    out.regretsTensor = change.regretsTensor ?? ((f: tf.Tensor2D, t: tf.Tensor2D, xi: tf.Tensor2D) => d.regretsTensor(f, t, xi));
  }
  return out as unknown as AgentPopulation;
}
