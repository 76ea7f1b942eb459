export { EV_SLOTS, evSlots, type EvContext } from "./ev-slots.js";
export { EvPopulation, type EvBackend, type EvPopulationOptions } from "./ev-population.js";
export { createEvAgent, type EvAgent, type EvAgentOptions } from "./ev-agent.js";
export {
  buildEvContexts, DEFAULT_EV_NOISE_STD, DEFAULT_EV_PERTURBED, DEFAULT_EV_SHIFT_MAX, EV_NEED_FLOOR,
  type CappedNeed, type EvContextOptions, type EvMode,
} from "./ev-contexts.js";
export { evNeedSpread, type Spread } from "./ev-need-spread.js";
