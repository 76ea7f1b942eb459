export { checkAgentPopulation, assertConformingPopulation } from "./check-agent-population.js";
export { checkSeededBuilder, assertSeededBuilder, type SeededCheckOptions } from "./check-seeded.js";
export type { PopulationCheckOptions } from "./population-check-options.js";
export { ConformanceError, type ConformanceCheck, type ConformanceFailure } from "./conformance-failure.js";
export { checkAgentKind, assertConformingKind, agentKindChecks } from "./check-agent-kind.js";
export { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED, type KindCheckOptions } from "./kind-check-options.js";
export type { KindCheckFailure, KindCheckResult } from "./kind-check-result.js";
export { missingCheck } from "./missing-check.js";
