import { join, resolve } from "node:path";
import { InputError, trainingMethods } from "@equitable/core";
import { selectBackend, saveModel, type TrainableModel } from "@equitable/model";
import { buildWorld, loadScenario, type Scenario } from "@equitable/scenario";
import { applyOverrides, type CommonOptions } from "./options.js";
import { jobsFor, type Job } from "./job.js";
import { trainJob } from "./train-job.js";
import { summaryRow } from "./summary-row.js";
import { formatTable } from "./table.js";
import { RESULT_FILES, writeResults, type RunResults } from "./write-results.js";
import { RunDir } from "./run-dir.js";
import { outputWriteError } from "./probe-dir.js";
import { createProgress } from "./progress.js";

/** Where a run writes: --out (never empty: "" would be the working directory), or runs/<scenario name>. */
function outDir(scenario: Scenario, opts: CommonOptions): string {
  if (opts.out !== undefined && opts.out.trim() === "") {
    throw new InputError("--out", "is empty: name the output directory, or leave --out off for runs/<scenario name>");
  }
  return resolve(opts.out ?? join("runs", scenario.name));
}

/** The files saveModel writes for a job. */
function modelFiles(label: string): string[] {
  return [`models/${label}/model.json`, `models/${label}/weights.bin`];
}

/** Whether every regret-based job finds a Plain PM trained before it, as training.warmStart needs. */
function checkWarmStart(scenario: Scenario, jobs: readonly Job[]): void {
  if (!scenario.training.warmStart) return;
  let plain = false;
  for (const job of jobs) {
    if (job.objective.method === "plain") plain = true;
    else if (!plain && trainingMethods.require(job.objective.method, "methods").usesRegrets) {
      throw new InputError("training.warmStart", "needs Plain PM trained first in the same run (use `run`, not `train --method equitable`)");
    }
  }
}

/**
 * Trains every job, evaluates each on the test split, prints the table and writes the results.
 * Everything checkable is checked before training: the scenario and its sizes, the output
 * directory (writable, not held by another run, holding nothing a run did not write), the data.
 * Only then are the previous run's files replaced; models are saved as they finish and
 * summary.json once all are done, the directory's marker saying "running" until then.
 */
export async function trainAndReport(scenarioPath: string, opts: CommonOptions, pick: (s: Scenario) => Job[]): Promise<RunResults> {
  // This package is the host whose framework, tfjs and zod a scenario's plugins share.
  const loaded = await loadScenario(scenarioPath, import.meta.url);
  const scenario = applyOverrides(loaded, opts);
  const jobs = pick(scenario);
  checkWarmStart(scenario, jobs);
  const out = outDir(scenario, opts);
  const runDir = await RunDir.open(out, {
    where: opts.out !== undefined ? "--out" : "output directory",
    force: opts.force === true,
    planned: [...RESULT_FILES, ...jobs.flatMap((job) => modelFiles(job.label))],
  });
  try {
    return await trainInto(runDir, scenario, jobs, opts);
  } finally {
    await runDir.release();
  }
}

async function trainInto(runDir: RunDir, scenario: Scenario, jobs: readonly Job[], opts: CommonOptions): Promise<RunResults> {
  const out = runDir.dir;
  const backend = await selectBackend(opts.backend);
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const world = buildWorld(scenario, { seed: scenario.seed, dataDir });
  try {
    // The input is valid and the data are loaded: the previous run's files may now go.
    await runDir.begin();
    const progress = createProgress(opts.quiet);
    for (const [what, count] of Object.entries(world.quirks)) {
      if (!opts.quiet) process.stderr.write(`data: ${what} = ${count} (handled as documented in @equitable/data)\n`);
    }
    const rows: RunResults["rows"] = [];
    const runFacts: Record<string, unknown> = {
      scenario, backend, dataDir: dataDir ?? null, quirks: world.quirks, needSpreadW1: world.spread,
      trainRows: world.train.length, testRows: world.test.length, agents: world.series.agents, models: [] as unknown[],
    };
    // training.warmStart: regret-based models start from the trained Plain PM (checkWarmStart
    // made sure it trains first), which is kept until the run ends.
    const warmStart = scenario.training.warmStart;
    let plainModel: TrainableModel | undefined;
    try {
      for (const job of jobs) {
        const fineTunes = warmStart && trainingMethods.require(job.objective.method, "methods").usesRegrets;
        const from = fineTunes ? plainModel : undefined;
        const trained = await trainJob(scenario, world, job, scenario.seed, progress, from);
        const row = summaryRow(job.objective, trained.evaluation, scenario.seed, scenario.training.epochs);
        await saveModel(trained.model, join(out, "models", job.label), { objective: job.objective, scenario, seed: scenario.seed, dataDir: dataDir ?? null });
        await runDir.wrote(modelFiles(job.label));
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
    const results = { rows, agentIds: world.population.ids, run: runFacts };
    await writeResults(out, results);
    await runDir.wrote(RESULT_FILES);
    await runDir.complete();
    process.stdout.write(`\nScenario ${scenario.name}: ${world.series.agents} agents, ${world.train.length} train / ${world.test.length} test ticks, backend ${backend}, seed ${scenario.seed}\n`);
    process.stdout.write(`Equity of agents' mean regrets on the test split:\n\n${formatTable(rows.map((r) => r.row))}\n\n`);
    process.stdout.write(`Wrote ${join(out, "summary.json")}, regrets.csv, run.json and models/\n`);
    return results;
  } catch (err) {
    await runDir.fail(err);
    throw outputWriteError(err, out, opts.out !== undefined ? "--out" : "output directory");
  } finally {
    world.dispose();
  }
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
