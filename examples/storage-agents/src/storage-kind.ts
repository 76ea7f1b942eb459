import { z } from "zod";
import type { AgentKind } from "@equitable/core";
import { StorageOperators } from "./storage-population.js";
import { storageCheck } from "./storage-kind-check.js";

const fields = z.object({
  count: z.number().int().positive().describe("number of storage operators"),
  kappaMin: z.number().positive().default(1).describe("mismatch price κ of the first operator"),
  kappaMax: z.number().positive().default(10).describe("mismatch price κ of the last operator (κ is spaced linearly)"),
  alphaMin: z.number().positive().default(0.1).describe("smallest share α of the signal an operator buys at a tick"),
  alphaMax: z.number().positive().default(1).describe("largest share α"),
}).strict();

/** A scenario group of storage operators, validated. */
export type StorageGroup = z.infer<typeof fields> & { readonly type: "storage" };

/** κ_1..κ_M spaced linearly from kappaMin to kappaMax. */
export function kappasOf(group: StorageGroup): Float64Array {
  const { count, kappaMin, kappaMax } = group;
  return Float64Array.from({ length: count }, (_, j) => (count === 1 ? kappaMin : kappaMin + ((kappaMax - kappaMin) * j) / (count - 1)));
}

/** Storage operators as an agent kind: what a scenario's `{ "type": "storage", … }` group builds. */
export const storageKind: AgentKind<StorageGroup> = {
  type: "storage",
  description: "storage operators buying a share α of the signal ahead of time, paying κ·(mismatch)²; differentiable",
  fields,
  refine(group, _facts, issue) {
    if (group.kappaMin > group.kappaMax) issue("kappaMin", `kappaMin ${group.kappaMin} is above kappaMax ${group.kappaMax}`);
    if (group.alphaMin > group.alphaMax) issue("alphaMin", `alphaMin ${group.alphaMin} is above alphaMax ${group.alphaMax}`);
  },
  population: (group, { ids }) => new StorageOperators(kappasOf(group), ids),
  build(group, ctx) {
    // α per operator and tick, from the group's own seeded stream: same seed, same bytes.
    const { alphaMin, alphaMax } = group;
    const xi = Float32Array.from({ length: ctx.rows * group.count }, () => alphaMin + (alphaMax - alphaMin) * ctx.rng.next());
    return { population: storageKind.population(group, ctx), xi };
  },
  check: storageCheck,
};
