import { dirname } from "node:path";
import { InputError } from "@equitable/core";
import { selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, parseScenario, withPlugins } from "@equitable/scenario";
import { canonicalJson, type CellResult, type CellSpec, type RunnerContext } from "@equitable/sweep";
import { jobsFor } from "./job.js";
import { createProgress } from "./progress.js";
import { trainSeedJobs } from "./seed-jobs.js";

let backendInUse: string | undefined;

/**
 * Trains one sweep cell exactly as `equitable run` trains that model: the cell's scenario value is
 * what the file and run's flags would give (one seed, its epochs, q and β, Plain PM first under warm
 * starts), validated, built into its world and trained through the same seed loop; the cell's own
 * job's metrics and per-agent regrets come back.
 */
export async function runCell(cell: CellSpec, context: RunnerContext): Promise<CellResult> {
  // The host is this package: a scenario's plugins share its framework, tfjs and zod.
  const value = await withPlugins(cell.scenario, cell.scenarioFile, dirname(cell.scenarioFile), import.meta.url);
  const scenario = parseScenario(value, cell.scenarioFile);
  if (backendInUse !== context.backend) {
    await selectBackend(context.backend as BackendName);
    backendInUse = context.backend;
  }
  const jobs = jobsFor(scenario);
  const want = canonicalJson(cell.objective);
  if (!jobs.some((j) => canonicalJson(j.objective) === want)) {
    throw new InputError(cell.scenarioFile, `the scenario no longer yields the cell's model ${cell.label}: was it edited since the sweep started?`);
  }
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
    });
  } finally {
    world.dispose();
  }
  return result!;
}
