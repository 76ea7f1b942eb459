import { z } from "zod";
import type { TrainingMethod } from "@equitable/core";
import type { EquitableObjective } from "./objective.js";
import { equitableAgentWeights, equitableLossValue } from "./agent-weights.js";
import { equitableLossOfMeans, weightedEquitableLossOfMeans } from "./losses.js";
import { parseMethodOptions } from "./method-options.js";

const params = z.object({
  method: z.literal("equitable"),
  q: z.number().nonnegative({ message: "q must be ≥ 0 (the exponent q + 1 must be ≥ 1)" }),
  beta: z.number().min(0).max(1).default(0),
  form: z.enum(["norm", "power"]).default("norm"),
}).strict();

/** An Equitable PM job's label: q + 1 as the paper's tables print it, and β when it is set. */
export function equitableLabel(q: number, beta: number): string {
  return `equitable-q+1=${q + 1}${beta > 0 ? `-beta=${beta}` : ""}`;
}

/** Equitable PM: (1 − β)·L^q + β·MSE over agents' mean regrets (Eq. 2, Appendix A.5), one model per q. */
export const equitableMethod: TrainingMethod<EquitableObjective> = {
  name: "equitable",
  label: "Equitable PM",
  description: "the Equitable Objective Σ_m C̄_m^(q+1) (Eq. 2), one model per q, combined with MSE by β",
  params: params as unknown as z.ZodType<EquitableObjective>,
  usesRegrets: true,
  routes: ["chain-rule", "policy-gradient"],
  // q, β and the form are scenario fields (`q`, `beta`, `lossForm`), so `methodOptions.equitable` has none.
  jobs: ({ q, beta, lossForm, options }) => {
    parseMethodOptions("equitable", z.object({}).strict(), options);
    return q.map((qk) => ({ objective: { method: "equitable", q: qk, beta, form: lossForm }, label: equitableLabel(qk, beta) }));
  },
  mseWeight: (o) => o.beta,
  value: (means, o) => equitableLossValue(means, o.q + 1, o.form),
  weights: (means, o) => equitableAgentWeights(means, o.q + 1, o.form),
  tensorLoss: (agentMeans, o, w) => (w ? weightedEquitableLossOfMeans(agentMeans, w, o.q + 1, o.form) : equitableLossOfMeans(agentMeans, o.q + 1, o.form)),
  populationWeights: true,
  summary: (o) => ({ q: o.q, qPlusOne: o.q + 1, beta: o.beta }),
};
