import { loadScenario, type Scenario } from "@equitable/scenario";

/**
 * The file URL plug-ins resolve the framework from: this package depends on every shipped one, so a
 * scenario's plugins share its tfjs, zod and registries whatever they have installed themselves.
 */
export const HOST_URL = import.meta.url;

/** Reads and validates a scenario file, loading its plugins with this package as their host. */
export function loadExperimentScenario(file: string): Promise<Scenario> {
  return loadScenario(file, HOST_URL);
}
