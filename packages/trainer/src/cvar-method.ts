import { z } from "zod";
import type { TrainingMethod, TrainingObjective } from "@equitable/core";
import { cvarValue, cvarWeights } from "./cvar.js";
import { alphaParam, betaParam } from "./alpha-param.js";
import { parseMethodOptions } from "./method-options.js";

/** A CVaR job's objective: the worst α fraction of sample regrets, combined with MSE by β. */
export interface CvarObjective extends TrainingObjective {
  readonly method: "cvar";
  readonly alpha: number;
  readonly beta: number;
}

const params = z.object({ method: z.literal("cvar"), alpha: alphaParam.default(0.2), beta: betaParam.default(0) }).strict();
const options = z.object({ alpha: alphaParam.optional() }).strict();

/**
 * CVaR_α of anonymous sample regrets: each (tick, agent) regret of a batch is one sample and the
 * mean of the worst ⌈α·B·M⌉ is minimised; no agent labels (the α-sized worst case's plain DRO baseline).
 */
export const cvarMethod: TrainingMethod<CvarObjective> = {
  name: "cvar",
  label: "CVaR",
  description: "CVaR_α: the mean of the worst α fraction of a batch's (tick, agent) regrets, no agent labels (`methodOptions.cvar.alpha`, default the scenario's `alpha`); chain rule only",
  params: params as unknown as z.ZodType<CvarObjective>,
  usesRegrets: true,
  routes: ["chain-rule"],
  jobs: ({ alpha, beta, options: raw }) => {
    const o = parseMethodOptions("cvar", options, raw);
    const a = o.alpha ?? alpha;
    return [{ objective: { method: "cvar", alpha: a, beta }, label: `cvar-alpha=${a}` }];
  },
  mseWeight: (o) => o.beta,
  perSample: {
    value: (regrets, _rows, _agents, o) => cvarValue(regrets, o.alpha),
    weights: (regrets, _rows, _agents, o) => cvarWeights(regrets, o.alpha),
  },
  summary: (o) => ({ q: null, qPlusOne: null, beta: o.beta }),
};
