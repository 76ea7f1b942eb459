import { join, resolve } from "node:path";
import { InputError } from "@equitable/core";
import { outputWriteError, RunStore, writeFileAtomic } from "@equitable/experiment";
import { accuracyByHorizon } from "./accuracy.js";
import { buildAuditAgents } from "./audit-agents.js";
import { auditForecast, perfectSource, persistenceSource, publishedSource } from "./audit-forecast.js";
import { auditJson, frameJson, type AuditSummary } from "./audit-json.js";
import { auditRegretsCsv } from "./audit-regrets-csv.js";
import type { AuditScenario } from "./audit-scenario.js";
import { planDecisions } from "./decisions.js";
import { recalibrate, type RecalibrationEvent } from "./recalibrate.js";
import { loadForecastVintages } from "./vintages.js";

/** Progress of an audit: its stages, and each recalibration epoch. */
export type AuditEvent = { readonly type: "stage"; readonly what: string } | RecalibrationEvent;

/** Options of {@link runAudit}. */
export interface RunAuditOptions {
  /** Directory the scenario's forecast tables are relative to. */
  readonly dataDir?: string;
  /** Output directory; default runs/<scenario name>. Omit `write` to compute without writing. */
  readonly out?: string;
  /** Write audit.json and audit-regrets.csv there (default true). */
  readonly write?: boolean;
  /** How errors name the output directory ("--out"). */
  readonly where?: string;
  /** Write beside files no run wrote. */
  readonly force?: boolean;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides bootstrap.resamples. */
  readonly resamples?: number;
  /** Skip the recalibration even when the scenario asks for one. */
  readonly noRecalibration?: boolean;
  readonly onEvent?: (e: AuditEvent) => void;
}

/** Files an audit writes, in the order written (audit.json last: its presence means the audit completed). */
export const AUDIT_FILES = ["audit-regrets.csv", "audit.json"] as const;

/**
 * The whole audit of a scenario: loads the vintages, plans the decisions, builds the agents, audits the
 * published forecast, persistence and the perfect forecast, trains and audits the recalibration when the
 * scenario has one, and writes audit-regrets.csv and audit.json into an owned output directory (as `run`
 * does: refused before any work if it is not this framework's, each file written atomically).
 */
export async function runAudit(scenario: AuditScenario, opts: RunAuditOptions = {}): Promise<{ summary: AuditSummary; out: string }> {
  const emit = opts.onEvent ?? (() => {});
  if (!opts.dataDir) throw new InputError("--data-dir", `audit '${scenario.name}' reads its forecast tables from the data directory: pass --data-dir (e.g. ../shared/data)`);
  const out = resolve(opts.out ?? join("runs", scenario.name));
  const where = opts.where ?? "output directory";
  const write = opts.write ?? true;
  const store = write ? await RunStore.open(out, { where, force: opts.force === true, planned: [...AUDIT_FILES] }) : undefined;
  try {
    const seed = opts.seed ?? scenario.seed;
    const f = scenario.forecasts;
    emit({ type: "stage", what: `loading ${f.table}` });
    const vintages = loadForecastVintages(join(opts.dataDir, f.table), {
      actualsFile: f.actuals ? join(opts.dataDir, f.actuals) : undefined, stepMinutes: f.stepMinutes,
    });
    const plan = planDecisions(vintages, {
      steps: scenario.decision.steps, start: scenario.decision.start, bands: scenario.bands, shortIssues: scenario.shortIssues,
      persistenceDays: scenario.persistenceDays,
    });
    if (plan.rows === 0) throw new InputError(f.table, "no decision could be scored (every one was skipped: see the decision settings)");
    const agents = buildAuditAgents(scenario.agents, plan.days.length, plan.steps, seed);
    const auditOpts = { alpha: scenario.alpha, resamples: opts.resamples ?? scenario.bootstrap.resamples, level: scenario.bootstrap.level, seed };
    emit({ type: "stage", what: `auditing ${plan.rows} decisions of ${agents.ids.length} agents (${auditOpts.resamples} bootstrap resamples)` });
    const frames = auditForecast(plan, agents, [publishedSource, persistenceSource, perfectSource], auditOpts);
    let recalibration: AuditSummary["recalibration"] = null;
    if (scenario.recalibration && !opts.noRecalibration) {
      const r = scenario.recalibration;
      emit({ type: "stage", what: `recalibrating: ${r.methods.join(", ")} × seeds ${r.seeds.join(", ")}` });
      const rec = await recalibrate(plan, agents, r, { alpha: scenario.alpha, onEvent: emit });
      const testFrames = auditForecast(plan, agents, [publishedSource, persistenceSource, perfectSource, ...rec.forecasts], auditOpts, rec.test);
      recalibration = {
        trainFraction: r.trainFraction,
        firstTestDay: rec.cutDay,
        trainDecisions: rec.train.length,
        testDecisions: rec.test.length,
        validationFraction: r.validationFraction,
        firstValidationDay: rec.firstValidationDay,
        innerTrainDecisions: rec.inner.length,
        validationDecisions: rec.validation.length,
        selection: rec.selections,
        models: rec.forecasts.map(({ name, method, seed: s, trainedOn, setting, loss }) => ({ name, method, seed: s, trainedOn, setting, loss })),
        frames: testFrames.map((fr) => frameJson(fr, agents.ids)),
      };
    }
    const summary: AuditSummary = {
      format: "equitable-audit/1",
      scenario: scenario.name,
      description: scenario.description,
      seed,
      forecastTable: f.table,
      stepMinutes: vintages.stepMs / 60_000,
      quirks: vintages.quirks,
      agentQuirks: agents.quirks,
      decision: {
        steps: plan.steps,
        start: scenario.decision.start ?? null,
        bands: scenario.bands.map((b, k) => ({ ...b, decisions: plan.band.filter((x) => x === k).length, skipped: plan.skipped[b.name] })),
        days: plan.days.length,
      },
      accuracy: accuracyByHorizon(vintages),
      groups: agents.groups.map((g) => ({ name: g.name, kind: g.kind, agents: agents.ids.slice(g.first, g.first + g.count) })),
      alpha: scenario.alpha,
      bootstrap: { resamples: auditOpts.resamples, level: auditOpts.level, unit: "decision day" },
      frames: frames.map((fr) => frameJson(fr, agents.ids)),
      recalibration,
    };
    agents.population.dispose?.();
    if (store) {
      await store.begin();
      try {
        await writeFileAtomic(join(out, "audit-regrets.csv"), auditRegretsCsv(summary));
        await store.wrote(["audit-regrets.csv"]);
        await writeFileAtomic(join(out, "audit.json"), auditJson(summary));
        await store.wrote(["audit.json"]);
        await store.complete();
      } catch (err) {
        await store.fail(err);
        throw outputWriteError(err, out, where);
      }
    }
    return { summary, out };
  } finally {
    await store?.release();
  }
}
