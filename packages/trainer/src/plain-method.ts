import { z } from "zod";
import type { TrainingMethod } from "@equitable/core";
import type { PlainObjective } from "./objective.js";
import { parseMethodOptions } from "./method-options.js";

/** Plain PM: the public model trained on MSE alone, the baseline of every table in the paper. */
export const plainMethod: TrainingMethod<PlainObjective> = {
  name: "plain",
  label: "Plain PM",
  description: "mean squared error only (the paper's baseline)",
  params: z.object({ method: z.literal("plain") }).strict(),
  usesRegrets: false,
  routes: ["chain-rule", "policy-gradient"],
  // Plain PM has no options: a `methodOptions.plain` entry is a typo, refused naming its field.
  jobs: ({ options }) => {
    parseMethodOptions("plain", z.object({}).strict(), options);
    return [{ objective: { method: "plain" }, label: "plain" }];
  },
  mseWeight: () => 1,
  value: () => 0,
  weights: (agentMeans) => new Float64Array(agentMeans.length),
  summary: () => ({ q: null, qPlusOne: null, beta: null }),
};
