import { z } from "zod";
import { InputError, type AgentKind } from "@equitable/core";
import { buildEvContexts, type CappedNeed } from "./ev-contexts.js";
import { evNeedSpread } from "./ev-need-spread.js";
import { EvPopulation } from "./ev-population.js";
import { evKindCheck } from "./ev-kind-check.js";
import { evSessionFleetOver } from "./ev-session-fleet.js";
import { sharedEvSessions } from "./shared-sessions.js";

const fields = z.object({
  count: z.number().int().positive().describe("number of EVs"),
  demand: z.enum(["similar", "different"])
    .describe("\"similar\": contiguous chunks of the session list as they are; \"different\": `perturbed` of them get larger needs"),
  perturbed: z.number().int().nonnegative().default(20).describe("agents perturbed when demand is \"different\" (capped at count)"),
  shiftMax: z.number().nonnegative().optional().describe("largest added energy need of a perturbed agent, kWh (default: the agents-ev package's)"),
  noiseStd: z.number().nonnegative().optional().describe("standard deviation of a perturbed agent's need noise, kWh (default: the agents-ev package's)"),
  rate: z.enum(["session", "agent"]).default("session")
    .describe("\"session\": each session's own rate (k = its duration); \"agent\": one rate per EV, k = need/ζ_j"),
  firstSlot: z.number().int().nonnegative().default(0).describe("first forecast step of the charging window"),
  slots: z.number().int().positive().optional().describe("length of the charging window, steps (default: the rest of the horizon)"),
  utcOffset: z.number().int().min(-12).max(14).default(-8)
    .describe("when deployed live (`equitable simulate`): local time of the session log minus UTC, hours, to place each day's arrival on the signal's clock (ACN Caltech: −8)"),
}).strict();

/** A scenario group of Eq. 13 EVs, validated. */
export type EvGroup = z.infer<typeof fields> & { readonly type: "ev" };

const slotsOf = (group: EvGroup, horizon: number): number => group.slots ?? horizon - group.firstSlot;

/** Eq. 13 EV charging as a registered agent kind: the k cheapest slots of the window, an ILP, trained by policy gradient. */
export const evKind: AgentKind<EvGroup> = {
  type: "ev",
  description: "Eq. 13 EVs: charge the k cheapest of the window's hourly slots (an ILP with an exact fast path), policy gradient",
  fields,
  data: [{
    field: "ev",
    description: "ACN sessions CSV (EV agents)",
    missing: "EV agents need a sessions file (e.g. ev/acn-caltech-sessions-2018-2021.csv)",
  }],
  minHorizon: 2,
  // Deployed live, the fleet reports its charging energy per hour: a closed loop can feed it back.
  loads: true,
  refine(group, { horizon }, issue) {
    if (group.firstSlot + (group.slots ?? 1) > horizon) {
      issue("slots", `the charging window [${group.firstSlot}, ${group.firstSlot + (group.slots ?? 1)}) does not fit the ${horizon}-step horizon`);
    }
  },
  population: (group, { horizon, ids }) =>
    new EvPopulation({ agents: group.count, slots: slotsOf(group, horizon), horizon, firstSlot: group.firstSlot, ids }),
  build(group, ctx) {
    const sessions = sharedEvSessions(ctx, group.count);
    const slots = slotsOf(group, ctx.horizon);
    if (slots < 1) throw new InputError("firstSlot", `${group.firstSlot} leaves no slot of the ${ctx.horizon}-step horizon`);
    let infeasible: CappedNeed | undefined;
    const xi = buildEvContexts(sessions, {
      agents: group.count, ticks: ctx.rows, mode: group.demand, perturbed: Math.min(group.perturbed, group.count),
      shiftMax: group.shiftMax, noiseStd: group.noiseStd, slots, rate: group.rate, rng: ctx.rng,
      onCapped: (n, first) => {
        // A session's own rate cannot stretch: a scenario refuses what the library would cap. A per-EV
        // rate is an average, so some sessions exceeding ζ·T is expected: counted, as a quirk.
        if (group.rate === "session") infeasible = first;
        else if (n > 0) ctx.quirk(`agents[${ctx.index}]: EV needs above what the window delivers (ζ·T), capped`, n);
      },
    });
    if (infeasible) {
      const { agent, session, slotsNeeded } = infeasible;
      throw new InputError(
        `agent ${ctx.ids[agent]}, session ${session}`,
        `charging ${sessions.hours[session].toFixed(2)} h needs ${slotsNeeded} slots, more than the ${slots}-slot forecast window can deliver (infeasible): use horizon ≥ ${slotsNeeded}`,
      );
    }
    return {
      population: evKind.population(group, ctx),
      xi,
      spread: evNeedSpread(xi, ctx.rows, group.count),
      // Deployed live, the same sessions arrive one a day per charger and are scheduled hour by hour.
      live: (series, rows) => evSessionFleetOver(series, rows, sessions, group.count, { ids: ctx.ids, utcOffset: group.utcOffset }),
    };
  },
  check: evKindCheck,
};
