import { dirname } from "node:path";
import { canonicalJson, trainingMethods } from "@equitable/core";
import { HOST_URL } from "@equitable/experiment";
import { buildWorld, parseScenario, withPlugins, type Scenario } from "@equitable/scenario";
import { checkMethodRoutes } from "@equitable/trainer";
import type { CellSpec } from "./cell.js";
import type { Sweep } from "./load-sweep.js";

/** The scenario fields that change neither the data read nor the agents built: cells differing only in them share one world here. */
const TRAINING_ONLY = ["seed", "seeds", "training", "methods", "q", "beta", "methodOptions", "alpha", "lossForm", "name", "description"];

/**
 * Refuses, before any cell runs, every input error a cell would otherwise meet alone and store
 * as its result: the data directory missing or lacking a file the scenarios read, data the loaders
 * refuse, plug-ins that do not load, a method that cannot train the agents (a route mismatch).
 * Each distinct world (scenario and params, less training-only fields) is built once, for its first
 * cell's seed; every cell's methods are then checked against that world's agents.
 */
export async function preflightSweep(sweep: Sweep, context: { readonly dataDir?: string }): Promise<void> {
  // Cells by world: one world alive at a time, however many a sweep has.
  const groups = new Map<string, { scenario: Scenario; cell: CellSpec }[]>();
  for (const cell of sweep.cells) {
    const value = await withPlugins(cell.scenario, cell.scenarioFile, dirname(cell.scenarioFile), HOST_URL);
    const scenario = parseScenario(value, cell.scenarioFile);
    const shape = Object.fromEntries(Object.entries(cell.scenario).filter(([k]) => !TRAINING_ONLY.includes(k)));
    const key = `${cell.scenarioFile}\n${canonicalJson(shape)}`;
    const group = groups.get(key) ?? [];
    group.push({ scenario, cell });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const first = group[0].scenario;
    const world = buildWorld(first, { seed: first.seed, dataDir: context.dataDir });
    try {
      for (const { scenario, cell } of group) {
        for (const job of cell.jobs) checkMethodRoutes(trainingMethods.require(job.method, "methods"), world.population, scenario.training.policyGradient);
      }
    } finally {
      world.dispose();
    }
  }
}
