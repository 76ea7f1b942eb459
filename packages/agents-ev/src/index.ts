export { EV_SLOTS, evSlots, type EvContext } from "./ev-slots.js";
export { kCheapestRegrets, MAX_SLOTS } from "./k-cheapest-regrets.js";
export { EvPopulation, type EvBackend, type EvPopulationOptions } from "./ev-population.js";
export { createEvAgent, type EvAgent, type EvAgentOptions } from "./ev-agent.js";
export {
  buildEvContexts, DEFAULT_EV_NOISE_STD, DEFAULT_EV_PERTURBED, DEFAULT_EV_SHIFT_MAX, EV_NEED_FLOOR,
  type CappedNeed, type EvContextOptions, type EvMode,
} from "./ev-contexts.js";
export { evNeedSpread, type Spread } from "./ev-need-spread.js";
export { checkSlotBatch } from "./check-slot-batch.js";
export { evKind, type EvGroup } from "./ev-kind.js";
export { evKindCheck } from "./ev-kind-check.js";
export { slotScheduleHooks, type SlotScheduleReader } from "./slot-schedule-hooks.js";
export { agentKinds } from "./agent-kinds.js";
