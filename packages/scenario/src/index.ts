export { scenarioSchema, AGENT_TYPES, type Scenario } from "./schema.js";
export { loadScenario, parseScenario } from "./load-scenario.js";
export { buildWorld, type World } from "./build-world.js";
export { modelSpecOf } from "./model-spec-of.js";
