import { z } from "zod";
import type { AgentKind } from "@equitable/core";
import { buildPhoneContexts } from "./phone-contexts.js";
import { PhonePopulation } from "./phone-population.js";
import { phoneKindCheck } from "./phone-kind-check.js";

const fields = z.object({
  count: z.number().int().positive().describe("number of phones"),
  kMin: z.number().int().positive().default(1).describe("fewest slots a phone charges at a tick"),
  kMax: z.number().int().positive().default(11).describe("most slots a phone charges at a tick (≤ horizon)"),
  muMin: z.number().positive().default(0.5).describe("lower end of a phone's energy per charged slot, drawn per phone"),
  muMax: z.number().positive().default(1.5).describe("upper end of a phone's energy per charged slot"),
}).strict();

/** A scenario group of Appendix A.4 phones, validated. */
export type PhoneGroup = z.infer<typeof fields> & { readonly type: "phone" };

/** Appendix A.4 phones as a registered agent kind: k of the window's slots minimising carbon, policy gradient. */
export const phoneKind: AgentKind<PhoneGroup> = {
  type: "phone",
  description: "Appendix A.4 phones: charge k of the forecast's slots minimising carbon (an ILP), policy gradient",
  fields,
  minHorizon: 2,
  refine(group, { horizon }, issue) {
    if (group.kMin > group.kMax) issue("kMin", `kMin ${group.kMin} is above kMax ${group.kMax}`);
    if (group.kMax > horizon) issue("kMax", `phones choose slots of the forecast: kMax ${group.kMax} exceeds horizon ${horizon}`);
    if (group.muMin > group.muMax) issue("muMin", `muMin ${group.muMin} is above muMax ${group.muMax}`);
  },
  population: (group, { horizon, ids }) => new PhonePopulation({ agents: group.count, slots: horizon, ids }),
  build(group, ctx) {
    const xi = buildPhoneContexts({
      agents: group.count, ticks: ctx.rows, kMin: group.kMin, kMax: group.kMax,
      muMin: group.muMin, muMax: group.muMax, slots: ctx.horizon, rng: ctx.rng,
    });
    return { population: phoneKind.population(group, ctx), xi };
  },
  check: phoneKindCheck,
};
