import {
  InputError, isDifferentiable, methodRoutes, populationParts, type AgentPopulation, type TrainingMethod,
} from "@equitable/core";
import type { PolicyGradientOptions } from "./policy-gradient-options.js";

function routeWords(method: TrainingMethod): string {
  const routes = methodRoutes(method);
  return routes.length === 1 ? `the ${routes[0]} route only` : routes.join(" and ");
}

/**
 * Refuses a method on agents it cannot train, before any training: an InputError naming the
 * field to change, `training.policyGradient.route` when policy gradient is forced on a method
 * without it, `methods` when agents of some kind need a route the method lacks.
 */
export function checkMethodRoutes(method: TrainingMethod, population: AgentPopulation, pg: PolicyGradientOptions | undefined): void {
  if (!method.usesRegrets) return;
  const routes = methodRoutes(method);
  const parts = populationParts(population);
  const forced = pg?.route === "policy-gradient";
  if (forced && !routes.includes("policy-gradient")) {
    throw new InputError("training.policyGradient.route", `method '${method.name}' trains through ${routeWords(method)}; "policy-gradient" forces every agent onto policy gradient (use "auto")`);
  }
  const needPg = forced ? parts : parts.filter((p) => !isDifferentiable(p.population));
  if (needPg.length > 0 && !routes.includes("policy-gradient")) {
    const kinds = [...new Set(needPg.map((p) => p.population.kind))].join("', '");
    throw new InputError("methods", `method '${method.name}' trains through ${routeWords(method)}; agents of kind '${kinds}' are not differentiable and need policy gradient`);
  }
  const needChain = forced ? [] : parts.filter((p) => isDifferentiable(p.population));
  if (needChain.length > 0 && !routes.includes("chain-rule")) {
    throw new InputError("training.policyGradient.route", `method '${method.name}' trains through ${routeWords(method)}; set "policy-gradient" so differentiable agents take it too`);
  }
}
