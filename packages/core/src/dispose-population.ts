import type { AgentPopulation } from "./agent.js";
import { populationParts } from "./mixed-population.js";

/** Frees what a population keeps on the tfjs backend (a mixed one's kinds each). */
export function disposePopulation(population: AgentPopulation): void {
  for (const part of populationParts(population)) part.population.dispose?.();
}
