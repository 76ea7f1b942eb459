import { z } from "zod";
import { InputError, type AgentKind } from "@equitable/core";
import { buildEvContexts, evNeedSpread, sharedEvSessions } from "@equitable/agents-ev";
import { criticalRatiosFor } from "@equitable/agents-procurement";
import { OffsetFleetPopulation } from "./offset-fleet-population.js";
import { evOffsetsCheck } from "./ev-offsets-kind-check.js";

const inUnit = z.number().gt(0, "τ must be in (0, 1)").lt(1, "τ must be in (0, 1)");

const fields = z.object({
  count: z.number().int().positive().max(10_000).describe("number of fleets"),
  demand: z.enum(["similar", "different"]).default("similar")
    .describe("needs as Eq. 13 EVs draw them: \"similar\" (chunks of the session log), \"different\" (`perturbed` fleets get larger needs)"),
  perturbed: z.number().int().nonnegative().default(0).describe("fleets perturbed when demand is \"different\" (capped at count)"),
  rate: z.enum(["session", "agent"]).default("agent")
    .describe("\"agent\": one charging rate per fleet, k = need/ζ_j (needs above ζ·T are capped, counted as a quirk); \"session\": each session's own rate"),
  ratioMin: z.number().positive().default(0.2).describe("smallest shortfall-to-surplus price ratio u/o (a fleet that would rather fall short)"),
  ratioMax: z.number().positive().default(5).describe("largest ratio u/o (a fleet facing a dear shortfall); τ = r/(1 + r)"),
  spacing: z.enum(["linear", "geometric"]).default("linear").describe("how the ratios are spaced between ratioMin and ratioMax"),
  tau: z.array(inUnit).nonempty().optional().describe("explicit critical ratios τ_m ∈ (0, 1), one per fleet (overrides the ratios)"),
  penalty: z.number().positive().default(1)
    .describe("o, the loss per unit of surplus offsets, for every fleet; a fleet's shortfall premium is u = r·o"),
}).strict();

/** A scenario group of offset-buying EV fleets, validated. */
export type EvOffsetsGroup = z.infer<typeof fields> & { readonly type: "ev-offsets" };

function tausOf(group: EvOffsetsGroup): Float64Array {
  if (group.tau) {
    if (group.tau.length !== group.count) throw new InputError("tau", `lists ${group.tau.length} values for ${group.count} fleets`);
    return Float64Array.from(group.tau);
  }
  return criticalRatiosFor(group.count, group.ratioMin, group.ratioMax, group.spacing);
}

/** EV fleets with an ILP schedule and a day-ahead offset purchase settled on the truth, as a registered agent kind (policy gradient). */
export const evOffsetsKind: AgentKind<EvOffsetsGroup> = {
  type: "ev-offsets",
  description: "EV fleets: charge the k cheapest slots by the forecast (an ILP), buy offsets day-ahead for the forecast's emissions, settle the imbalance on the truth at asymmetric prices; policy gradient",
  fields,
  data: [{
    field: "ev",
    description: "ACN sessions CSV (EV agents)",
    missing: "EV fleets need a sessions file (e.g. ev/acn-caltech-sessions-2018-2021.csv)",
  }],
  minHorizon: 2,
  refine(group, _facts, issue) {
    if (group.ratioMin > group.ratioMax) issue("ratioMin", `ratioMin ${group.ratioMin} is above ratioMax ${group.ratioMax}`);
    if (group.tau && group.tau.length !== group.count) issue("tau", `lists ${group.tau.length} values for ${group.count} fleets`);
  },
  population: (group, { horizon, ids }) => {
    const tau = tausOf(group);
    // τ = u/(u + o) with o fixed: u = o·τ/(1 − τ).
    return new OffsetFleetPopulation({ under: tau.map((t) => (group.penalty * t) / (1 - t)), over: tau.map(() => group.penalty), slots: horizon, ids });
  },
  build(group, ctx) {
    // The same session log as Eq. 13 EVs of the world (one load, one synthetic draw).
    const sessions = sharedEvSessions(ctx, group.count);
    let infeasible = false;
    const xi = buildEvContexts(sessions, {
      agents: group.count, ticks: ctx.rows, mode: group.demand, perturbed: Math.min(group.perturbed, group.count),
      slots: ctx.horizon, rate: group.rate, rng: ctx.rng,
      onCapped: (n) => {
        if (group.rate === "session") infeasible ||= n > 0;
        else if (n > 0) ctx.quirk(`agents[${ctx.index}]: fleet needs above what the window delivers (ζ·T), capped`, n);
      },
    });
    if (infeasible) throw new InputError(`agents[${ctx.index}].rate`, `"session" rates leave sessions longer than the ${ctx.horizon}-hour window: use "agent" or a longer horizon`);
    return { population: evOffsetsKind.population(group, ctx), xi, spread: group.count > 1 ? evNeedSpread(xi, ctx.rows, group.count) : undefined };
  },
  check: evOffsetsCheck,
};
