export { PhonePopulation, type PhonePopulationOptions } from "./phone-population.js";
export { buildPhoneContexts, type PhoneContextOptions } from "./phone-contexts.js";
