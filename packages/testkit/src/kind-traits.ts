import fc from "fast-check";
import { disposePopulation, type AgentGroupFields, type AgentKind, type AgentKindCheck } from "@equitable/core";
import { horizonsOf, parseGroup, populationOf } from "./kind-case.js";
import type { KindTraits } from "./kind-properties.js";

/**
 * Which properties a kind has: its hooks say whether decisions and an exact solution exist, and a
 * population of one seeded group says whether it takes the chain rule. Throws when that group
 * cannot be drawn or built (the arbitraries property says why).
 */
export function traitsOf<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>, seed: number): KindTraits {
  const [group] = fc.sample(check.group.map((g) => parseGroup(kind, g)), { seed, numRuns: 1 });
  const [horizon] = fc.sample(horizonsOf(kind, check, group), { seed, numRuns: 1 });
  const population = populationOf(kind, group, horizon);
  const differentiable = population.differentiable === true;
  disposePopulation(population);
  return { differentiable, decisions: check.decisions !== undefined, exact: typeof check.decisions?.exact === "function" };
}
