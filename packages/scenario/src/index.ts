export { buildScenarioSchema, groupSchema, type Scenario, type AgentGroup } from "./schema.js";
export { loadScenario, parseScenario, withPlugins, toInputError, fieldName } from "./load-scenario.js";
export { parseJsonText } from "./parse-json-text.js";
export { loadPlugin, loadPlugins, type LoadedPlugin } from "./load-plugins.js";
export { loadedPlugins } from "./loaded-plugins.js";
export { buildWorld, type World, type WorldGroup } from "./build-world.js";
export { modelSpecOf } from "./model-spec-of.js";
export { scenarioReferenceMarkdown, scenarioJsonSchema } from "./scenario-reference.js";
export { withReference, schemaFileText, REFERENCE_START, REFERENCE_END } from "./reference-files.js";
