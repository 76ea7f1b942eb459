import { join, resolve } from "node:path";
import { rm } from "node:fs/promises";
import { InputError, trainingMethods } from "@equitable/core";
import { selectBackend, saveModel, type TrainableModel } from "@equitable/model";
import { buildWorld, loadScenario, type Scenario } from "@equitable/scenario";
import { applyOverrides, type CommonOptions } from "./options.js";
import { jobsFor, type Job } from "./job.js";
import { trainJob } from "./train-job.js";
import { summaryRow } from "./summary-row.js";
import { formatTable } from "./table.js";
import { writeResults, type RunResults } from "./write-results.js";
import { createProgress } from "./progress.js";

/** Where a run writes: --out, or runs/<scenario name>. */
function outDir(scenario: Scenario, opts: CommonOptions): string {
  return resolve(opts.out ?? join("runs", scenario.name));
}

async function removeStaleSummary(out: string): Promise<void> {
  try {
    await rm(join(out, "summary.json"), { force: true });
  } catch (err) {
    // ENOTDIR and the like: --out is not a directory we can write into.
    throw new InputError("--out", `cannot use '${out}' as the output directory (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/**
 * Trains every job, evaluates each on the test split, prints the table and writes the results.
 * Models are saved as they finish; summary.json only once all are done, so a failed run never
 * leaves one behind (a stale one from an earlier run is removed first).
 */
export async function trainAndReport(scenarioPath: string, opts: CommonOptions, pick: (s: Scenario) => Job[]): Promise<RunResults> {
  // Before anything can fail: a summary.json left from an earlier run must not pass for this one's.
  if (opts.out !== undefined) await removeStaleSummary(resolve(opts.out));
  // This package is the host whose framework, tfjs and zod a scenario's plugins share.
  const loaded = await loadScenario(scenarioPath, import.meta.url);
  const out = outDir(loaded, opts);
  // Without --out the directory is only known from the scenario's name.
  if (opts.out === undefined) await removeStaleSummary(out);
  const scenario = applyOverrides(loaded, opts);
  const backend = await selectBackend(opts.backend);
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const world = buildWorld(scenario, { seed: scenario.seed, dataDir });
  // The input is valid: models of an earlier run in this directory would now only mislead.
  await rm(join(out, "models"), { recursive: true, force: true });
  const progress = createProgress(opts.quiet);
  for (const [what, count] of Object.entries(world.quirks)) {
    if (!opts.quiet) process.stderr.write(`data: ${what} = ${count} (handled as documented in @equitable/data)\n`);
  }
  const rows: RunResults["rows"] = [];
  const runFacts: Record<string, unknown> = {
    scenario, backend, dataDir: dataDir ?? null, quirks: world.quirks, needSpreadW1: world.spread,
    trainRows: world.train.length, testRows: world.test.length, agents: world.series.agents, models: [] as unknown[],
  };
  // training.warmStart: regret-based models start from the trained Plain PM (the schema requires
  // "plain" among the methods, and jobsFor trains it first), which is kept until the run ends.
  const warmStart = scenario.training.warmStart;
  let plainModel: TrainableModel | undefined;
  try {
    for (const job of pick(scenario)) {
      const fineTunes = warmStart && trainingMethods.require(job.objective.method, "methods").usesRegrets;
      const from = fineTunes ? plainModel : undefined;
      if (fineTunes && !from) {
        throw new InputError("training.warmStart", "needs Plain PM trained first in the same run (use `run`, not `train --method equitable`)");
      }
      const trained = await trainJob(scenario, world, job, scenario.seed, progress, from);
      const row = summaryRow(job.objective, trained.evaluation, scenario.seed, scenario.training.epochs);
      await saveModel(trained.model, join(out, "models", job.label), { objective: job.objective, scenario, seed: scenario.seed, dataDir: dataDir ?? null });
      if (warmStart && job.objective.method === "plain") plainModel = trained.model;
      else trained.model.dispose();
      (runFacts.models as unknown[]).push({
        label: job.label,
        warmStartFrom: from ? "plain" : null,
        trainSeconds: trained.trainSeconds,
        lossPerEpoch: trained.lossPerEpoch,
        tensorsPerEpoch: trained.tensorsPerEpoch,
      });
      rows.push({ row, agentMeanRegrets: trained.evaluation.agentMeanRegrets });
    }
  } finally {
    plainModel?.dispose();
  }
  world.dispose();
  const results = { rows, agentIds: world.population.ids, run: runFacts };
  await writeResults(out, results);
  process.stdout.write(`\nScenario ${scenario.name}: ${world.series.agents} agents, ${world.train.length} train / ${world.test.length} test ticks, backend ${backend}, seed ${scenario.seed}\n`);
  process.stdout.write(`Equity of agents' mean regrets on the test split:\n\n${formatTable(rows.map((r) => r.row))}\n\n`);
  process.stdout.write(`Wrote ${join(out, "summary.json")}, regrets.csv, run.json and models/\n`);
  return results;
}

/** `equitable run <scenario>`: Plain PM and Equitable PM for each listed q. */
export async function runCommand(scenarioPath: string, opts: CommonOptions): Promise<void> {
  await trainAndReport(scenarioPath, opts, jobsFor);
}

/** `equitable train <scenario>`: one model of --method (any registered method), with --q and --beta. */
export async function trainCommand(scenarioPath: string, opts: CommonOptions & { method: string }): Promise<void> {
  const overrides = { ...opts, methods: opts.method };
  await trainAndReport(scenarioPath, overrides, (s) => {
    const jobs = jobsFor(s);
    // `train` makes one model: a list it would silently cut is refused where the list came from.
    if (jobs.length > 1 && opts.q !== undefined) {
      throw new InputError("--q", `train makes one model; got ${jobs.length} values ('${opts.q}'): use \`run\` for several`);
    }
    return jobs.slice(0, 1);
  });
}
