import { z } from "zod";
import type { TrainingMethod } from "@equitable/core";
import type { PlainObjective } from "./objective.js";

/** Plain PM: the public model trained on MSE alone, the baseline of every table in the paper. */
export const plainMethod: TrainingMethod<PlainObjective> = {
  name: "plain",
  label: "Plain PM",
  description: "mean squared error only (the paper's baseline)",
  params: z.object({ method: z.literal("plain") }).strict(),
  usesRegrets: false,
  routes: ["chain-rule", "policy-gradient"],
  jobs: () => [{ objective: { method: "plain" }, label: "plain" }],
  mseWeight: () => 1,
  value: () => 0,
  weights: (agentMeans) => new Float64Array(agentMeans.length),
  summary: () => ({ q: null, qPlusOne: null, beta: null }),
};
