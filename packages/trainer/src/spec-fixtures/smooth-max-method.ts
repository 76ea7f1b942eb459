// A test-only training method: the smoothed max of agents' mean regrets, τ·log Σ_m exp(C̄_m/τ).
// method-registry.spec.ts registers it directly; the cli's bin-plugins.spec.ts loads it as a
// scenario plugin (through cli/src/spec-fixtures/smooth-max-method.ts). Nothing else knows it.
import * as tf from "@equitable/core/tf";
import { z } from "zod";
import type { TrainingMethod, TrainingObjective } from "@equitable/core";
import { parseMethodOptions } from "../method-options.js";

type SmoothMax = TrainingObjective & { method: "smooth-max"; temperature: number };

function softmax(means: Float64Array, temperature: number): { top: number; e: Float64Array; sum: number } {
  const top = Math.max(...means);
  const e = Float64Array.from(means, (v) => Math.exp((v - top) / temperature));
  return { top, e, sum: e.reduce((a, b) => a + b, 0) };
}

/** The smoothed-max method (test only). */
export const smoothMax: TrainingMethod<SmoothMax> = {
  name: "smooth-max",
  label: "Smooth-max PM",
  description: "τ·log Σ_m exp(C̄_m/τ): a smoothed worst-off agent",
  params: z.object({ method: z.literal("smooth-max"), temperature: z.number().positive().default(0.05) }).strict() as unknown as z.ZodType<SmoothMax>,
  usesRegrets: true,
  jobs: ({ options }) => {
    const o = parseMethodOptions("smooth-max", z.object({ temperature: z.number().positive().optional() }).strict(), options);
    return [{ objective: { method: "smooth-max", temperature: o.temperature ?? 0.05 }, label: "smooth-max" }];
  },
  mseWeight: () => 0,
  value: (means, o) => {
    const { top, sum } = softmax(means, o.temperature);
    return top + o.temperature * Math.log(sum);
  },
  weights: (means, o) => {
    const { e, sum } = softmax(means, o.temperature);
    return e.map((v) => v / sum);
  },
  tensorLoss: (means, o) => tf.tidy(() => tf.mul(tf.logSumExp(tf.div(means, o.temperature)), o.temperature) as tf.Scalar),
  summary: () => ({ q: null, qPlusOne: null, beta: null }),
};

/** What a plugin module exports. */
export const trainingMethods = [smoothMax];
