import { dirname } from "node:path";
import { InputError } from "@equitable/core";
import { selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, parseScenario, withPlugins } from "@equitable/scenario";
import { canonicalJson, type CellResult, type CellSpec, type RunnerContext } from "@equitable/sweep";
import { jobsFor } from "./job.js";
import { createProgress } from "./progress.js";
import { trainSeedJobs } from "./seed-jobs.js";
import { PlainCache } from "./plain-cache.js";

let backendInUse: string | undefined;
const plainCache = new PlainCache();

/**
 * Trains one sweep cell exactly as `equitable run` trains that model: the cell's scenario value is
 * what the file and run's flags would give (one seed, its epochs, q and β, Plain PM first under warm
 * starts), validated, built into its world and trained through the same seed loop; the cell's own
 * job's metrics and per-agent regrets come back. Under warm starts the seed's Plain PM is kept
 * (PlainCache), so the thread's next cells of that seed fine-tune from it without retraining it.
 */
export async function runCell(cell: CellSpec, context: RunnerContext): Promise<CellResult> {
  // The host is this package: a scenario's plugins share its framework, tfjs and zod.
  const value = await withPlugins(cell.scenario, cell.scenarioFile, dirname(cell.scenarioFile), import.meta.url);
  const scenario = parseScenario(value, cell.scenarioFile);
  if (backendInUse !== context.backend) {
    await selectBackend(context.backend as BackendName);
    backendInUse = context.backend;
  }
  const all = jobsFor(scenario);
  const want = canonicalJson(cell.objective);
  if (!all.some((j) => canonicalJson(j.objective) === want)) {
    throw new InputError(cell.scenarioFile, `the scenario no longer yields the cell's model ${cell.label}: was it edited since the sweep started?`);
  }
  const key = PlainCache.keyOf(scenario, context.dataDir, context.backend);
  const kept = scenario.training.warmStart ? plainCache.get(key) : undefined;
  // With the seed's Plain PM kept, a fine-tune trains alone from it.
  const jobs = kept ? all.filter((j) => canonicalJson(j.objective) === want) : all;
  const world = buildWorld(scenario, { seed: scenario.seed, dataDir: context.dataDir });
  let result: CellResult | undefined;
  try {
    await trainSeedJobs(scenario, world, jobs, scenario.seed, createProgress(true), async ({ job, trained, row }) => {
      if (canonicalJson(job.objective) !== want) return;
      result = {
        metrics: { variance: row.variance, mean: row.mean, c95MinusC5: row.c95MinusC5, mse: row.mse, hNorm: row.hNorm, worst: row.worst, jain: row.jain },
        epochsSeen: row.epochs,
        agentIds: [...world.population.ids],
        agentMeanRegrets: Array.from(trained.evaluation.agentMeanRegrets),
        trainSeconds: trained.trainSeconds,
      };
    }, { from: kept, keep: (plain) => plainCache.keep(key, scenario, plain) });
  } finally {
    world.dispose();
  }
  return result!;
}
