export { PhonePopulation, type PhonePopulationOptions } from "./phone-population.js";
export { buildPhoneContexts, type PhoneContextOptions } from "./phone-contexts.js";
export { phoneKind, type PhoneGroup } from "./phone-kind.js";
export { phoneKindCheck } from "./phone-kind-check.js";
export { agentKinds } from "./agent-kinds.js";
