import { join, resolve } from "node:path";
import { InputError, trainingMethods } from "@equitable/core";
import { selectBackend, saveModel } from "@equitable/model";
import { buildWorld, loadScenario, type Scenario, type World } from "@equitable/scenario";
import { checkMethodRoutes, measureDisagreement } from "@equitable/trainer";
import { applyOverrides, type CommonOptions } from "./options.js";
import { jobsFor, type Job } from "./job.js";
import { trainSeedJobs } from "./seed-jobs.js";
import { formatTable } from "./table.js";
import { formatReplicatedTable } from "./replicated-table.js";
import { disagreementVerdict } from "./diagnose-command.js";
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

/** The seeds a run trains: the replications, or the scenario's one seed. */
function seedsOf(scenario: Scenario): number[] {
  return scenario.seeds ? [...new Set(scenario.seeds)] : [scenario.seed];
}

/** Where a model of one seed is saved: models/<label>, or models/seed-<s>/<label> in a replicated run. */
function modelLabel(label: string, seed: number, replicated: boolean): string {
  return replicated ? `seed-${seed}/${label}` : label;
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
    planned: [
      ...RESULT_FILES,
      ...seedsOf(scenario).flatMap((seed) => jobs.flatMap((job) => modelFiles(modelLabel(job.label, seed, scenario.seeds !== undefined)))),
    ],
  });
  try {
    return await trainInto(runDir, scenario, jobs, opts);
  } finally {
    await runDir.release();
  }
}

async function trainInto(runDir: RunDir, base: Scenario, jobs: readonly Job[], opts: CommonOptions): Promise<RunResults> {
  const out = runDir.dir;
  const backend = await selectBackend(opts.backend);
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const replicated = base.seeds !== undefined;
  const seeds = seedsOf(base);
  const rows: RunResults["rows"] = [];
  const models: unknown[] = [];
  const facts: Record<string, unknown>[] = [];
  let agentIds: readonly string[] = [];
  // Said once, from the first seed's Plain PM: whether the agents want different forecasts at all.
  let verdict: string | undefined;
  const compares = jobs.some((j) => j.objective.method === "plain") && jobs.some((j) => trainingMethods.require(j.objective.method, "methods").usesRegrets);
  // The first seed's data are loaded before anything is replaced: bad data leave the directory as it was.
  let next: World | undefined = buildWorld({ ...base, seed: seeds[0] }, { seed: seeds[0], dataDir });
  try {
    // A method that cannot train these agents (IRW on policy-gradient agents) is refused before anything is replaced.
    for (const job of jobs) checkMethodRoutes(trainingMethods.require(job.objective.method, "methods"), next.population, base.training.policyGradient);
    // The input is valid and the data are loaded: the previous run's files may now go.
    await runDir.begin();
    // One explicit seed per replication (Mesa's rule): data, agents, weights and batches all from it.
    for (const seed of seeds) {
      const scenario: Scenario = { ...base, seed };
      const world: World = next ?? buildWorld(scenario, { seed, dataDir });
      next = undefined;
      try {
        const progress = createProgress(opts.quiet);
        for (const [what, count] of Object.entries(world.quirks)) {
          if (!opts.quiet && seed === seeds[0]) process.stderr.write(`data: ${what} = ${count} (handled as documented in @equitable/data)\n`);
        }
        facts.push({
          seed, quirks: world.quirks, needSpreadW1: world.spread, trainRows: world.train.length, testRows: world.test.length, agents: world.series.agents,
        });
        agentIds = world.population.ids;
        await trainSeedJobs(scenario, world, jobs, seed, progress, async ({ job, trained, row, warmStartFrom }) => {
          const label = modelLabel(job.label, seed, replicated);
          if (compares && verdict === undefined && job.objective.method === "plain") {
            const d = measureDisagreement(trained.snapshot ?? trained.model, world.series, world.train, world.population);
            verdict = d.agrees ? disagreementVerdict(d) : "";
          }
          await saveModel(trained.model, join(out, "models", label), { objective: job.objective, scenario, seed, dataDir: dataDir ?? null });
          await runDir.wrote(modelFiles(label));
          models.push({
            label,
            seed,
            warmStartFrom,
            trainSeconds: trained.trainSeconds,
            lossPerEpoch: trained.lossPerEpoch,
            tensorsPerEpoch: trained.tensorsPerEpoch,
            secondsPerEpoch: trained.secondsPerEpoch,
          });
          rows.push({ row, agentMeanRegrets: trained.evaluation.agentMeanRegrets });
        });
        if (!replicated) {
          process.stdout.write(`\nScenario ${scenario.name}: ${world.series.agents} agents, ${world.train.length} train / ${world.test.length} test ticks, backend ${backend}, seed ${seed}\n`);
        }
      } finally {
        world.dispose();
      }
    }
    // A single-seed run.json keeps its flat layout; a replicated one lists each seed's world.
    const { seed: _seed, ...world0 } = facts[0];
    const run: Record<string, unknown> = replicated
      ? { scenario: base, backend, dataDir: dataDir ?? null, seeds, worlds: facts, models }
      : { scenario: base, backend, dataDir: dataDir ?? null, ...world0, models };
    const results: RunResults = { rows, agentIds, run, replicated };
    await writeResults(out, results);
    await runDir.wrote(RESULT_FILES);
    await runDir.complete();
    if (replicated) {
      // Rows run seed-major, every seed training the same jobs in order.
      const byJob = jobs.map((job, j) => ({ label: job.label, rows: rows.filter((_, k) => k % jobs.length === j).map((r) => r.row) }));
      process.stdout.write(`\nScenario ${base.name}: ${agentIds.length} agents, backend ${backend}, seeds ${seeds.join(", ")}\n`);
      process.stdout.write(`Equity of agents' mean regrets on the test split, mean ± 95 % CI over ${seeds.length} seeds (per-seed rows in summary.json):\n\n${formatReplicatedTable(byJob)}\n\n`);
    } else {
      process.stdout.write(`Equity of agents' mean regrets on the test split:\n\n${formatTable(rows.map((r) => r.row))}\n\n`);
    }
    // Only agreement is worth a line: then the rows differ by training noise, not by what q trades.
    if (verdict) process.stdout.write(`Note: ${verdict} (\`equitable diagnose\` shows each agent).\n`);
    process.stdout.write(`Wrote ${join(out, "summary.json")}, regrets.csv, run.json and models/\n`);
    return results;
  } catch (err) {
    await runDir.fail(err);
    throw outputWriteError(err, out, opts.out !== undefined ? "--out" : "output directory");
  } finally {
    next?.dispose();
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
