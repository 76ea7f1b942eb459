import { join } from "node:path";
import { InputError } from "@equitable/core";
import { loadExperimentScenario, planJobs, runExperiment, type ExperimentResult, type PlannedJob } from "@equitable/experiment";
import type { Scenario } from "@equitable/scenario";
import { applyOverrides, type CommonOptions } from "./options.js";
import { formatTable } from "@equitable/experiment";
import { formatReplicatedTable } from "./replicated-table.js";
import { disagreementVerdict } from "./diagnose-command.js";
import { progressSink } from "./progress.js";

/** Runs the library's experiment with the command's flags and prints its tables. */
async function trainAndReport(scenarioPath: string, opts: CommonOptions, pick: (s: Scenario) => PlannedJob[]): Promise<ExperimentResult> {
  const scenario = applyOverrides(await loadExperimentScenario(scenarioPath), opts);
  const jobs = pick(scenario);
  const result = await runExperiment(scenario, {
    out: opts.out, where: opts.out !== undefined ? "--out" : "output directory", force: opts.force === true,
    dataDir: opts.dataDir, backend: opts.backend, jobs, onEvent: progressSink(opts.quiet),
  });
  printResult(scenario, result);
  if (opts.verbose) process.stdout.write(`${backendLine(result)}\n`);
  return result;
}

/** The run's report on stdout: the world, the table (mean ± 95 % CI over seeds when replicated), the agreement note. */
function printResult(scenario: Scenario, r: ExperimentResult): void {
  const out = process.stdout;
  if (r.replicated) {
    // Rows run seed-major, every seed training the same jobs in order.
    const byJob = r.jobs.map((job, j) => ({ label: job.label, rows: r.rows.filter((_, k) => k % r.jobs.length === j).map((x) => x.row) }));
    out.write(`\nScenario ${scenario.name}: ${r.agentIds.length} agents, backend ${r.backend}, seeds ${r.seeds.join(", ")}\n`);
    out.write(`Equity of agents' mean regrets on the test split, mean ± 95 % CI over ${r.seeds.length} seeds (per-seed rows in summary.json):\n\n${formatReplicatedTable(byJob)}\n\n`);
  } else {
    const w = r.worlds[0];
    out.write(`\nScenario ${scenario.name}: ${w.agents} agents, ${w.trainRows} train / ${w.testRows} test ticks, backend ${r.backend}, seed ${w.seed}\n`);
    out.write(`Equity of agents' mean regrets on the test split:\n\n${formatTable(r.rows.map((x) => x.row))}\n\n`);
  }
  // Only agreement is worth a line: then the rows differ by training noise, not by what q trades.
  if (r.disagreement?.agrees) out.write(`Note: ${disagreementVerdict(r.disagreement)} (\`equitable diagnose\` shows each agent).\n`);
  out.write(`Wrote ${join(r.out, "summary.json")}, regrets.csv, run.json and models/\n`);
}

/** `equitable run <scenario>`: Plain PM and Equitable PM for each listed q. */
export async function runCommand(scenarioPath: string, opts: CommonOptions): Promise<void> {
  await trainAndReport(scenarioPath, opts, planJobs);
}

/** `equitable train <scenario>`: one model of --method (any registered method), with --q and --beta. */
export async function trainCommand(scenarioPath: string, opts: CommonOptions & { method: string }): Promise<void> {
  await trainAndReport(scenarioPath, { ...opts, methods: opts.method }, (s) => {
    const jobs = planJobs(s);
    // `train` makes one model: a list it would silently cut is refused where the list came from.
    if (jobs.length > 1 && opts.q !== undefined) {
      throw new InputError("--q", `train makes one model; got ${jobs.length} values ('${opts.q}'): use \`run\` for several`);
    }
    return jobs.slice(0, 1);
  });
}

/** "backend wasm (skipped webgpu: only a software adapter …; …)": which backend `--verbose` reports, and why. */
export function backendLine(r: Pick<ExperimentResult, "backend" | "backendChoice">): string {
  const c = r.backendChoice;
  const adapter = c?.adapter ? ` on ${c.adapter}` : "";
  const skipped = c && c.skipped.length > 0 ? `; skipped ${c.skipped.map((s) => `${s.backend}: ${s.reason}`).join("; ")}` : "";
  return `backend ${r.backend}${adapter}${skipped}`;
}
