import { resolve } from "node:path";
import { selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, type Scenario } from "@equitable/scenario";
import { measureDisagreement, type Disagreement } from "@equitable/trainer";
import { ignoreEvents, type EventSink } from "./events.js";
import { planJob } from "./plan-jobs.js";
import { trainJob } from "./train-job.js";

/** What {@link diagnoseScenario} measured: each agent's wishes of Plain PM's forecast on the training split. */
export interface Diagnosis {
  readonly agentIds: readonly string[];
  readonly trainRows: number;
  readonly disagreement: Disagreement;
}

/**
 * Trains Plain PM on the training split, then measures what each agent wants from the forecast
 * (the residual quantile its regret is least at) and how much one shared forecast costs the
 * agents: whether q has anything to trade, from measured regrets rather than a flag per kind.
 */
export async function diagnoseScenario(
  scenario: Scenario,
  options: { dataDir?: string; backend?: BackendName | "auto"; threshold?: number; onEvent?: EventSink } = {},
): Promise<Diagnosis> {
  await selectBackend(options.backend ?? "auto");
  const world = buildWorld(scenario, { seed: scenario.seed, dataDir: options.dataDir ? resolve(options.dataDir) : undefined });
  try {
    const trained = await trainJob(scenario, world, planJob({ objective: { method: "plain" }, label: "plain" }), scenario.seed, options.onEvent ?? ignoreEvents);
    try {
      const disagreement = await measureDisagreement(trained.model, world.series, world.train, world.population, { threshold: options.threshold });
      return { agentIds: world.population.ids, trainRows: world.train.length, disagreement };
    } finally {
      trained.model.dispose();
    }
  } finally {
    world.dispose();
  }
}
