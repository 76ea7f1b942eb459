import { z } from "zod";
import { InputError, type AgentKind } from "@equitable/core";
import { loadWorkload, syntheticSignals } from "@equitable/data";
import { criticalRatiosFor } from "./critical-ratios.js";
import { loadShares } from "./load-shares.js";
import { ProcurementPopulation } from "./procurement-population.js";
import { procurementLive } from "./procurement-live.js";
import { procurementCheck } from "./procurement-kind-check.js";

const fields = z.object({
  count: z.number().int().positive().max(1_000_000).describe("number of procurement desks"),
  ratioMin: z.number().positive().default(0.2).describe("smallest shortfall-to-surplus price ratio u/o (a risk-tolerant desk)"),
  ratioMax: z.number().positive().default(5).describe("largest ratio u/o (a risk-averse desk); τ = r/(1 + r)"),
  spacing: z.enum(["linear", "geometric"]).default("linear")
    .describe("\"linear\": ratios evenly spaced (τ skewed above 1/2); \"geometric\": evenly in log r (symmetric around τ = 1/2)"),
  tau: z.array(z.number().gt(0, "τ must be in (0, 1)").lt(1, "τ must be in (0, 1)")).nonempty().optional()
    .describe("explicit critical ratios τ_m ∈ (0, 1), one per desk (overrides the ratios)"),
  price: z.number().positive().default(1).describe("the imbalance price scale per unit of the signal (see `prices`)"),
  prices: z.enum(["surplus-fixed", "sum-fixed"]).default("surplus-fixed")
    .describe("\"surplus-fixed\": every desk loses o = price per unit of surplus and pays u = r·price per unit short (shortfall prices differ, as under scarcity pricing); \"sum-fixed\": u + o = price for every desk"),
}).strict();

/** A scenario group of procurement desks, validated. */
export type ProcurementGroup = z.infer<typeof fields> & { readonly type: "procurement" };

function tausOf(group: ProcurementGroup): Float64Array {
  if (group.tau) {
    if (group.tau.length !== group.count) throw new InputError("tau", `lists ${group.tau.length} values for ${group.count} desks`);
    return Float64Array.from(group.tau);
  }
  return criticalRatiosFor(group.count, group.ratioMin, group.ratioMax, group.spacing);
}

/** The load trace every procurement group of a world shares. */
const LOAD = "procurement/load";

/** Day-ahead procurement with imbalance settlement as a registered agent kind: pinball regrets, chain rule. */
export const procurementKind: AgentKind<ProcurementGroup> = {
  type: "procurement",
  description: "day-ahead procurement desks settling imbalances at asymmetric prices (newsvendors): pinball regret at τ = u/(u + o), differentiable",
  fields,
  data: [{
    field: "load",
    description: "hourly load trace CSV (`,cpu_load`, as the Alibaba and Google cluster files) for procurement desks' shares",
    missing: "procurement desks need a load trace (e.g. workload/alibaba-cpu-hourly-1.csv)",
  }],
  loads: true,
  refine(group, _facts, issue) {
    if (group.ratioMin > group.ratioMax) issue("ratioMin", `ratioMin ${group.ratioMin} is above ratioMax ${group.ratioMax}`);
    if (group.tau && group.tau.length !== group.count) issue("tau", `lists ${group.tau.length} values for ${group.count} desks`);
  },
  population: (group, { ids }) => {
    const tau = tausOf(group);
    // τ = u/(u + o): with o fixed, u = o·τ/(1 − τ); with u + o fixed, u = τ·(u + o).
    const under = tau.map((t) => (group.prices === "surplus-fixed" ? (group.price * t) / (1 - t) : group.price * t));
    const over = tau.map((t) => (group.prices === "surplus-fixed" ? group.price : group.price * (1 - t)));
    return new ProcurementPopulation({ under, over, ids });
  },
  build(group, ctx) {
    const trace = ctx.shared(LOAD, () => {
      if (ctx.source === "synthetic") return syntheticSignals({ hours: ctx.hours, seed: ctx.seed }).demand;
      const loaded = loadWorkload(ctx.dataFile("load"));
      ctx.quirks("load", loaded.quirks);
      return loaded.values;
    });
    // A trace shorter than the signal would wrap around and repeat hours silently.
    if (trace.length < ctx.hours) throw new InputError("data.load", `the load trace has ${trace.length} hours, the signal ${ctx.hours}`);
    if (!trace.every((v) => Number.isFinite(v) && v >= 0) || !trace.some((v) => v > 0)) {
      throw new InputError("data.load", "the load trace must be finite, ≥ 0 and not all zero");
    }
    const population = procurementKind.population(group, ctx) as ProcurementPopulation;
    return {
      population,
      xi: loadShares(trace.subarray(0, ctx.hours), ctx.ticks, group.count),
      // Deployed live, desks commit for the hour ahead and report their aggregate bid: a closed loop can feed it back.
      live: (series, rows, column) => procurementLive(population, series, rows, column),
    };
  },
  check: procurementCheck,
};
