export { evSlots, EV_SLOTS, type EvContext } from "./ev-slots.js";
export { EvPopulation, type EvBackend, type EvPopulationOptions } from "./ev-population.js";
export { createEvAgent, type EvAgent, type EvAgentOptions } from "./ev-agent.js";
export { buildEvContexts, type CappedNeed, type EvContextOptions, type EvMode } from "./ev-contexts.js";
export { evNeedSpread, type Spread } from "./ev-need-spread.js";
export { evKind, type EvGroup } from "./ev-kind.js";
export { evKindCheck } from "./ev-kind-check.js";
export { agentKinds } from "./agent-kinds.js";
export { EvSessionFleet, evSessionFleetOver, type EvSessionFleetOptions } from "./ev-session-fleet.js";
