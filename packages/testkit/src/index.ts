export { checkAgentPopulation, assertConformingPopulation } from "./check-agent-population.js";
export { checkSeededBuilder, assertSeededBuilder, type SeededCheckOptions } from "./check-seeded.js";
export type { PopulationCheckOptions } from "./population-check-options.js";
export { ConformanceError, type ConformanceCheck, type ConformanceFailure } from "./conformance-failure.js";
