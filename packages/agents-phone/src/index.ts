export { PhonePopulation, PHONE_SLOTS, type PhonePopulationOptions } from "./phone-population.js";
export {
  buildPhoneContexts, DEFAULT_K_MAX, DEFAULT_K_MIN, DEFAULT_MU_MAX, DEFAULT_MU_MIN, type PhoneContextOptions,
} from "./phone-contexts.js";
export { phoneKind, type PhoneGroup } from "./phone-kind.js";
export { phoneKindCheck } from "./phone-kind-check.js";
export { agentKinds } from "./agent-kinds.js";
