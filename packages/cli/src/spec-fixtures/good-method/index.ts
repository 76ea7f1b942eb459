// A methods-only plugin that conforms: the mean of agents' mean regrets to a power p ≥ 1,
// L = Σ_m C̄_m^p / M, with its options validated so a misspelt one is refused naming it.
import * as tf from "@equitable/core/tf";
import { z } from "zod";
import type { TrainingMethod, TrainingObjective } from "@equitable/core";
import { parseMethodOptions } from "@equitable/trainer";

type MeanPower = TrainingObjective & { method: string; p: number };

const pParam = z.number().min(1, { message: "p must be ≥ 1 (a convex loss of the regrets)" });

/** L = Σ_m C̄_m^p / M under `name` (the broken fixture registers its copy under its own name). */
export const meanPowerMethod = (name: string): TrainingMethod<MeanPower> => ({
  name,
  label: "Mean-power PM",
  description: `Σ_m C̄_m^p / M (\`methodOptions["${name}"].p\`, default 2)`,
  params: z.object({ method: z.literal(name), p: pParam.default(2) }).strict() as unknown as z.ZodType<MeanPower>,
  usesRegrets: true,
  jobs: ({ options }) => {
    const o = parseMethodOptions(name, z.object({ p: pParam.optional() }).strict(), options);
    return [{ objective: { method: name, p: o.p ?? 2 }, label: `${name}-p=${o.p ?? 2}` }];
  },
  mseWeight: () => 0,
  value: (means, o) => means.reduce((s, c) => s + c ** o.p, 0) / means.length,
  weights: (means, o) => means.map((c) => (o.p * c ** (o.p - 1)) / means.length),
  tensorLoss: (means, o) => tf.tidy(() => tf.mean(tf.pow(means, o.p)) as tf.Scalar),
  summary: () => ({ q: null, qPlusOne: null, beta: null }),
});

/** L = Σ_m C̄_m^p / M: p = 1 is total regret, larger p weighs the worst-off agents more. */
export const meanPower = meanPowerMethod("mean-power");

/** What the plugin registers. */
export const trainingMethods = [meanPower];
