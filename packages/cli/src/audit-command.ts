import { join } from "node:path";
import { InputError } from "@equitable/core";
import { HOST_URL } from "@equitable/experiment";
import { bandTable, groupedTable, loadAuditScenario, recalibrationTable, runAudit, selectionTable, type AuditEvent } from "@equitable/audit";

/** Options of `equitable audit`. */
export interface AuditCommandOptions {
  dataDir?: string;
  out?: string;
  seed?: string;
  resamples?: string;
  recalibration?: boolean;
  force?: boolean;
  quiet?: boolean;
}

function integer(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new InputError(flag, `'${text}' is not an integer ≥ ${min}`);
  return n;
}

function progress(quiet: boolean | undefined): (e: AuditEvent) => void {
  if (quiet) return () => {};
  return (e) => {
    if (e.type === "stage") process.stderr.write(`${e.what}…\n`);
    else if (e.epoch === e.epochs - 1 || (e.epoch + 1) % 10 === 0) process.stderr.write(`  ${e.label}: epoch ${e.epoch + 1}/${e.epochs}, loss ${e.loss.toPrecision(4)}\n`);
  };
}

/** `equitable audit <scenario>`: the library's runAudit, its tables printed. */
export async function auditCommand(scenarioPath: string, opts: AuditCommandOptions): Promise<void> {
  const seed = integer("--seed", opts.seed, 0);
  const resamples = integer("--resamples", opts.resamples, 100);
  if (opts.out !== undefined && opts.out.trim() === "") throw new InputError("--out", "is empty: name the output directory, or leave --out off for runs/<name>");
  const scenario = await loadAuditScenario(scenarioPath, HOST_URL);
  const { summary, out } = await runAudit(scenario, {
    dataDir: opts.dataDir, out: opts.out, where: opts.out !== undefined ? "--out" : "output directory", force: opts.force === true,
    seed, resamples, noRecalibration: opts.recalibration === false, onEvent: progress(opts.quiet),
  });
  const o = process.stdout;
  const skipped = summary.decision.bands
    .map((b) => `${b.name}: ${b.decisions} decisions; skipped ${b.skipped.shortIssue} short issues, ${b.skipped.beyondIssue} beyond the issue, ${b.skipped.gapInIssue} gaps, ${b.skipped.missingOutturn} missing outturns, ${b.skipped.noPersistence} without persistence`)
    .join("\n  ");
  const level = Math.round(summary.bootstrap.level * 100);
  o.write(`\nAudit ${summary.scenario}: ${summary.quirks.issues} issues, ${summary.groups.reduce((a, g) => a + g.agents.length, 0)} agents in ${summary.groups.length} groups, ${summary.decision.days} decision days\n  ${skipped}\n`);
  const pooled = summary.decision.bands.length > 1 ? "all" : summary.decision.bands[0].name;
  o.write(`\nAgents' mean regrets by group (${pooled}), ${level} % bootstrap intervals over decision days:\n\n${groupedTable(summary.frames, pooled, ["mean", "worst", "worstAlpha", "jain"])}\n`);
  o.write(`\nBy horizon band:\n\n${bandTable(summary.frames)}\n`);
  if (summary.recalibration) {
    const r = summary.recalibration;
    o.write(`\nSelection of each method's setting: trained on ${r.innerTrainDecisions} decisions before ${r.firstValidationDay}, scored on ${r.validationDecisions} validation decisions from it to ${r.firstTestDay} (test days unseen); the chosen setting is retrained on all training days:\n\n${selectionTable(summary)}\n`);
    o.write(`\nRecalibration: trained on ${r.trainDecisions} decisions before ${r.firstTestDay}, audited on ${r.testDecisions} from it; per method, mean ± 95 % CI over seeds [hull of the seeds' bootstrap intervals]; Δ: against the published forecast on the same resampled days:\n\n${recalibrationTable(summary)}\n`);
  }
  o.write(`\nWrote ${join(out, "audit.json")} and audit-regrets.csv (every metric, group and band; \`equitable report ${out}\` renders them)\n`);
}
