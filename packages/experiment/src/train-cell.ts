import { dirname } from "node:path";
import { lastValueFrom } from "rxjs";
import { selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, parseScenario, withPlugins } from "@equitable/scenario";
import { PlainCache } from "./plain-cache.js";
import type { PlannedJob } from "./plan-jobs.js";
import type { ResultRow } from "./result-row.js";
import { HOST_URL } from "./host.js";
import { trainSeed } from "./train-seed.js";

/**
 * One cell of a sweep as a worker receives it: serialisable, planned in full where the sweep was
 * expanded. `jobs` is the cell's plan, in order: the baseline its job fine-tunes from under warm
 * starts (if any), then the cell's own job, last.
 */
export interface CellPlan {
  /** The scenario value this cell trains: one seed, its epochs, methods, q and β applied. */
  readonly scenario: Record<string, unknown>;
  /** Absolute path of the scenario file: plugins resolve relative to its folder. */
  readonly scenarioFile: string;
  readonly jobs: readonly PlannedJob[];
}

/** The machine a cell trains on. */
export interface CellMachine {
  readonly dataDir?: string;
  readonly backend: string;
}

/** What a trained cell yields: its result row and each agent's mean regret. */
export interface CellOutcome {
  readonly row: ResultRow;
  readonly agentIds: readonly string[];
  readonly agentMeanRegrets: readonly number[];
  readonly trainSeconds: number;
}

let backendInUse: string | undefined;
const plainCache = new PlainCache();

/**
 * Trains one sweep cell exactly as `equitable run` trains that model: the cell's scenario is
 * validated, built into its world and trained through the same seed loop on the cell's planned
 * jobs. Under warm starts the seed's baseline is kept (PlainCache), so the thread's next cells of
 * that seed fine-tune from it without training it again.
 */
export async function trainCell(cell: CellPlan, machine: CellMachine): Promise<CellOutcome> {
  const value = await withPlugins(cell.scenario, cell.scenarioFile, dirname(cell.scenarioFile), HOST_URL);
  const scenario = parseScenario(value, cell.scenarioFile);
  if (backendInUse !== machine.backend) {
    await selectBackend(machine.backend as BackendName);
    backendInUse = machine.backend;
  }
  const own = cell.jobs[cell.jobs.length - 1];
  const key = PlainCache.keyOf(scenario, machine.dataDir, machine.backend);
  const kept = scenario.training.warmStart && own.warmStartFrom !== null ? plainCache.get(key) : undefined;
  // With the seed's baseline kept, a fine-tune trains alone from it.
  const jobs = kept ? [own] : cell.jobs;
  const world = buildWorld(scenario, { seed: scenario.seed, dataDir: machine.dataDir });
  let outcome: CellOutcome | undefined;
  try {
    await lastValueFrom(
      trainSeed(world, jobs, {
        scenario,
        reuse: { from: kept, keep: (baseline) => plainCache.keep(key, scenario, baseline) },
        each: async ({ job, trained, row }) => {
          if (job !== own) return;
          outcome = { row, agentIds: [...world.population.ids], agentMeanRegrets: Array.from(trained.evaluation.agentMeanRegrets), trainSeconds: trained.trainSeconds };
        },
      }),
      { defaultValue: undefined },
    );
  } finally {
    world.dispose();
  }
  return outcome!;
}
