import { z } from "zod";
import type { ResponseModel } from "@equitable/core";

const fields = z.object({
  epsilon: z.number().finite().describe("ε: signal units per unit of the agents' load above `reference` (Perdomo et al.'s location shift; |ε| < 1 converges under repeated retraining)"),
  reference: z.number().finite().default(0).describe("the load at which the baseline signal is realised"),
}).strict();

/** linear-shift's fields, validated. */
export type LinearShiftParams = z.infer<typeof fields>;

/**
 * The textbook performative response (Perdomo, Zrnic, Mendler-Dünner, Hardt, ICML 2020, the
 * location-shift family): y_t = y₀_t + ε·(load_t − reference), load_t the agents' aggregate
 * (for kinds whose load is their mean decision, "mean decision − reference").
 */
export const linearShift: ResponseModel<LinearShiftParams> = {
  name: "linear-shift",
  description: "y = y₀ + ε·(load − reference): the agents' load shifts the signal linearly (Perdomo et al. 2020's location shift)",
  fields,
  build: ({ epsilon, reference }) => ({
    reference,
    blame: "epsilon",
    realise: (_hour, baseline, load) => baseline + epsilon * (load - reference),
  }),
};
