export { OffsetFleetPopulation, type OffsetFleetPopulationOptions } from "./offset-fleet-population.js";
export { evOffsetsKind, type EvOffsetsGroup } from "./ev-offsets-kind.js";
export { evOffsetsCheck } from "./ev-offsets-kind-check.js";
export { agentKinds } from "./agent-kinds.js";
