import { z } from "zod";
import { InputError, type AgentKind, type AgentPopulation } from "@equitable/core";
import { loadAzureDemand, minMaxScale, syntheticSignals } from "@equitable/data";
import { DatacenterPopulation } from "./datacenter-population.js";
import { buildDemandMatrix, DEFAULT_NOISE_STD, DEFAULT_PERTURBED, DEFAULT_SHIFT_MAX } from "./demand-matrix.js";
import { lambdasFor } from "./lambdas-for.js";
import { datacenterKindCheck } from "./datacenter-kind-check.js";

const fields = z.object({
  count: z.number().int().positive().describe("number of data centres"),
  lambda: z.union([z.enum(["same", "different"]), z.array(z.number().positive()).nonempty()])
    .describe("latency weights λ: \"same\" (λ = 2 for all), \"different\" (λ = 2, 4, …, 2·count), or an explicit list of count values"),
  demand: z.enum(["similar", "different"])
    .describe("\"similar\": contiguous chunks of one demand trace; \"different\": `perturbed` of them shifted and noised"),
  perturbed: z.number().int().nonnegative().default(DEFAULT_PERTURBED).describe("agents perturbed when demand is \"different\" (capped at count)"),
  shiftMax: z.number().nonnegative().default(DEFAULT_SHIFT_MAX).describe("largest shift of a perturbed agent's demand"),
  noiseStd: z.number().nonnegative().default(DEFAULT_NOISE_STD).describe("standard deviation of a perturbed agent's demand noise"),
}).strict();

/** A scenario group of Eq. 12 data centres, validated. */
export type DatacenterGroup = z.infer<typeof fields> & { readonly type: "datacenter" };

function lambdasOf(group: DatacenterGroup): number[] {
  const lambdas = typeof group.lambda === "string" ? Array.from(lambdasFor(group.lambda, group.count)) : group.lambda;
  if (lambdas.length !== group.count) throw new InputError("lambda", `lists ${lambdas.length} values for ${group.count} agents`);
  return lambdas;
}

/** The demand trace every data-centre group of a world shares, scaled to [0, 10]. */
const DEMAND = "datacenter/demand";

/** Eq. 12 data centres as a registered agent kind: capacity p* = w + sqrt(λw/c), chain-rule trainable. */
export const datacenterKind: AgentKind<DatacenterGroup> = {
  type: "datacenter",
  description: "Eq. 12 data centres: capacity p minimising p·c + λ·w/(p − w), closed form, differentiable (chain rule)",
  fields,
  data: [{
    field: "demand",
    description: "Azure Functions demand CSV (data-centre agents)",
    missing: "data-centre agents need a demand file (e.g. datacenter/azure-functions-demand-2019.csv)",
  }],
  population: (group, { ids }) => new DatacenterPopulation({ lambdas: lambdasOf(group), ids }),
  build(group, ctx) {
    const demand = ctx.shared(DEMAND, () => {
      let raw: Float64Array;
      if (ctx.source === "synthetic") raw = syntheticSignals({ hours: ctx.hours, seed: ctx.seed }).demand;
      else {
        const loaded = loadAzureDemand(ctx.dataFile("demand"));
        ctx.quirks("demand", loaded.quirks);
        raw = loaded.values;
      }
      if (raw.length === 0) throw new InputError("data.demand", "the demand series is empty");
      return minMaxScale(raw, 0, 10, "data.demand").values;
    });
    const population = datacenterKind.population(group, ctx);
    let matrix: Float64Array;
    try {
      matrix = buildDemandMatrix(demand, ctx.hours, {
        agents: group.count,
        mode: group.demand,
        perturbed: Math.min(group.perturbed, group.count),
        shiftMax: group.shiftMax,
        noiseStd: group.noiseStd,
        rng: ctx.rng,
      });
    } catch (err) {
      // The builder names its own option ("agents"); the group's field for it is `count`.
      if (err instanceof InputError && err.where === "agents") throw new InputError("count", err.message.slice(err.where.length + 2));
      throw err;
    }
    // ξ of row i is every agent's demand at the hour being predicted (the first target step).
    const c = group.count;
    const t = ctx.ticks;
    const xi = new Float32Array(t.length * c);
    for (let i = 0; i < t.length; i++) for (let j = 0; j < c; j++) xi[i * c + j] = matrix[t[i] * c + j];
    return { population, xi };
  },
  // Width-1 groups side by side: one population, one tensor op per batch.
  merge: (populations: readonly AgentPopulation[]) => {
    const dcs = populations as DatacenterPopulation[];
    return new DatacenterPopulation({ lambdas: dcs.flatMap((p) => Array.from(p.lambdas)), ids: dcs.flatMap((p) => p.ids) });
  },
  check: datacenterKindCheck,
};
