import { z } from "zod";
import type { GradientScope, TrainingMethod, TrainingObjective, WeightingScheme } from "@equitable/core";
import { cvarValue } from "./cvar.js";
import { irwWeights } from "./irw-weights.js";
import { alphaParam, betaParam } from "./alpha-param.js";
import { parseMethodOptions } from "./method-options.js";

/** An IRW job's objective. */
export interface IrwObjective extends TrainingObjective {
  readonly method: "irw";
  /** The worst-off fraction of samples whose combined gradient g_w sets the weights. */
  readonly alpha: number;
  /** "local": weights per mini-batch from its top Bα; "global": once per epoch from the top Nα. */
  readonly scheme: WeightingScheme;
  /** Per-sample gradients over the last layer (default) or the whole model. */
  readonly gradients: GradientScope;
  readonly beta: number;
}

/** The fields IRW and IRWO share, as objective params and as `methodOptions`. */
export const irwFields = {
  alpha: alphaParam,
  scheme: z.enum(["local", "global"]),
  gradients: z.enum(["last-layer", "full"]),
};

const params = z.object({
  method: z.literal("irw"),
  alpha: irwFields.alpha.default(0.2),
  scheme: irwFields.scheme.default("local"),
  gradients: irwFields.gradients.default("last-layer"),
  beta: betaParam.default(0),
}).strict();
const options = z.object({ alpha: irwFields.alpha.optional(), scheme: irwFields.scheme.optional(), gradients: irwFields.gradients.optional() }).strict();

/** A job label naming the scheme and, when not the default, the gradient scope. */
export function irwLabel(name: string, o: { alpha: number; scheme: WeightingScheme; gradients: GradientScope }): string {
  return `${name}-${o.scheme}-alpha=${o.alpha}${o.gradients === "full" ? "-full" : ""}`;
}

/**
 * Intrinsic ReWeighting (arXiv 2411.03068): every (tick, agent) regret is an anonymous sample;
 * its weight is max(0, ⟨g_i, g_w⟩) normalised, g_w the summed gradient of the worst α fraction,
 * and the step descends the weighted regret. The reported loss is CVaR_α of the batch.
 */
export const irwMethod: TrainingMethod<IrwObjective> = {
  name: "irw",
  label: "IRW",
  description: "Intrinsic ReWeighting (arXiv 2411.03068): (tick, agent) regrets weighted by max(0, ⟨g_i, g_w⟩), g_w the worst α fraction's gradient; `methodOptions.irw`: `alpha`, `scheme` (`\"local\"` per batch / `\"global\"` per epoch), `gradients` (`\"last-layer\"` default / `\"full\"`); no agent labels; chain rule only",
  params: params as unknown as z.ZodType<IrwObjective>,
  usesRegrets: true,
  routes: ["chain-rule"],
  jobs: ({ alpha, beta, options: raw }) => {
    const o = parseMethodOptions("irw", options, raw);
    const objective: IrwObjective = { method: "irw", alpha: o.alpha ?? alpha, scheme: o.scheme ?? "local", gradients: o.gradients ?? "last-layer", beta };
    return [{ objective, label: irwLabel("irw", objective) }];
  },
  mseWeight: (o) => o.beta,
  perSample: {
    value: (regrets, _rows, _agents, o) => cvarValue(regrets, o.alpha),
    weights: (regrets, _rows, _agents, o, gradients) => {
      if (!gradients) throw new TypeError("irw: weights need per-sample gradients");
      return irwWeights(regrets, o.alpha, gradients);
    },
    gradients: (o) => o.gradients,
    scheme: (o) => o.scheme,
  },
  summary: (o) => ({ q: null, qPlusOne: null, beta: o.beta }),
};
