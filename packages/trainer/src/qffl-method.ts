import { z } from "zod";
import type { TrainingMethod, TrainingObjective } from "@equitable/core";
import { betaParam } from "./alpha-param.js";
import { parseMethodOptions } from "./method-options.js";

/** A q-FFL job's objective: its own q ≥ 0 (agents' mean regrets are raised to q + 1), combined with MSE by β. */
export interface QfflObjective extends TrainingObjective {
  readonly method: "qffl";
  readonly q: number;
  readonly beta: number;
}

const qParam = z.number().nonnegative({ message: "q must be ≥ 0 (the exponent q + 1 must be ≥ 1)" });
const params = z.object({ method: z.literal("qffl"), q: qParam.default(1), beta: betaParam.default(0) }).strict();
const options = z.object({ q: z.union([qParam, z.array(qParam).nonempty()]).optional() }).strict();

/** f_q = Σ_k p_k/(q+1)·F_k^(q+1) with agents as devices, F_k = C̄_k and p_k = 1/M (every agent reports every tick). */
export function qfflValue(agentMeans: Float64Array, q: number): number {
  let s = 0;
  for (const c of agentMeans) s += Math.max(c, 0) ** (q + 1);
  return s / (agentMeans.length * (q + 1));
}

/** ∂f_q/∂C̄_k = p_k·C̄_k^q. */
export function qfflWeights(agentMeans: Float64Array, q: number): Float64Array {
  return agentMeans.map((c) => (q === 0 ? 1 : Math.max(c, 0) ** q) / agentMeans.length);
}

/**
 * q-FFL (Li, Sanjabi, Beirami & Smith, ICLR 2020) with agents as devices. f_q equals the Equitable
 * Objective's "power" form Σ_m C̄_m^(q+1) times 1/(M·(q+1)): the same minimiser and gradient
 * direction. Trained here by the framework's Adam step, which is invariant to that constant, so
 * it differs from Equitable PM (norm form) only in the form; the paper's q-FedAvg step with its
 * Lipschitz estimate is a federated optimiser, not part of the objective, and is not reproduced.
 */
export const qfflMethod: TrainingMethod<QfflObjective> = {
  name: "qffl",
  label: "q-FFL",
  description: "q-FFL f_q = Σ_m C̄_m^(q+1)/(M·(q+1)), agents as devices (= the power form of Eq. 2 up to a constant); `methodOptions.qffl.q` (q, not q + 1; default 1)",
  params: params as unknown as z.ZodType<QfflObjective>,
  usesRegrets: true,
  routes: ["chain-rule", "policy-gradient"],
  jobs: ({ beta, options: raw }) => {
    const o = parseMethodOptions("qffl", options, raw);
    const qs = o.q === undefined ? [1] : Array.isArray(o.q) ? o.q : [o.q];
    return qs.map((q) => ({ objective: { method: "qffl", q, beta }, label: `qffl-q+1=${q + 1}${beta > 0 ? `-beta=${beta}` : ""}` }));
  },
  mseWeight: (o) => o.beta,
  value: (means, o) => qfflValue(means, o.q),
  weights: (means, o) => qfflWeights(means, o.q),
  summary: (o) => ({ q: o.q, qPlusOne: o.q + 1, beta: o.beta }),
};
