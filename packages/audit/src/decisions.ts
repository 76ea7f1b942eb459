import { InputError } from "@equitable/core";
import { iso, type ForecastIssue, type ForecastVintages } from "./vintages.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A horizon band of decisions: agents decide on the vector that starts `leadHours` or more after the issue. */
export interface DecisionBand {
  readonly name: string;
  readonly leadHours: number;
}

/** How agents take a decision vector from each issue. */
export interface DecisionRule {
  /** Steps of the vector each agent decides over. */
  readonly steps: number;
  /** UTC time of day "HH:MM" the vector starts at; absent: the first target at or after the lead. */
  readonly start?: string;
  readonly bands: readonly DecisionBand[];
  /** An issue too short for a decision: "skip" (counted) or "error" (InputError naming the issue). */
  readonly shortIssues?: "skip" | "error";
  /** Persistence looks back at most this many days (default 7). */
  readonly persistenceDays?: number;
}

/** Why decisions were left out, per band: nothing is filled, every skip is counted here. */
export interface SkippedDecisions {
  /** Issues shorter than the longest issue that do not reach the decision's last step. */
  shortIssue: number;
  /** Full-length issues that do not reach it (e.g. a midday issue for the band two days ahead). */
  beyondIssue: number;
  /** A step of the vector missing inside the issue. */
  gapInIssue: number;
  /** An outturn of the vector missing (no truth to score against). */
  missingOutturn: number;
  /** No outturn of the same time of day known at issue time within the look-back (persistence has no value). */
  noPersistence: number;
  /** The short issues skipped, by publication time. */
  shortIssues: string[];
}

/** Every decision the audit scores: one row per (band, issue) kept, with its truth and the baselines' vectors. */
export interface DecisionPlan {
  readonly steps: number;
  readonly stepMs: number;
  readonly bands: readonly DecisionBand[];
  /** Rows kept. */
  readonly rows: number;
  /** Band index of each row. */
  readonly band: Int32Array;
  /** Issue index (into the vintages' issues) of each row. */
  readonly issue: Int32Array;
  /** Start of each row's vector, epoch ms. */
  readonly start: Float64Array;
  /** Day index of each row (its vector's first target's UTC date): the bootstrap's unit. */
  readonly day: Int32Array;
  /** The UTC dates, "YYYY-MM-DD", by day index (chronological). */
  readonly days: readonly string[];
  /** rows×steps: the published forecast. */
  readonly published: Float64Array;
  /** rows×steps: the outturn. */
  readonly truth: Float64Array;
  /** rows×steps: persistence, the latest outturn of the same time of day known at issue time. */
  readonly persistence: Float64Array;
  /** rows×steps: hours from the issue to each target's start. */
  readonly leadHours: Float64Array;
  /** Skips by band name. */
  readonly skipped: Readonly<Record<string, SkippedDecisions>>;
}

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** First target on the issue's grid at or after `from` (and at time of day `start`, when given). */
function firstTarget(issue: ForecastIssue, stepMs: number, from: number, start: string | undefined): number {
  let t = issue.start + Math.max(0, Math.ceil((from - issue.start) / stepMs)) * stepMs;
  if (start === undefined) return t;
  const want = minutesOfDay(start) * 60_000;
  // At most one day of steps to the wanted time of day; a grid that never hits it is the scenario's error.
  for (let k = 0; k <= DAY / stepMs; k++, t += stepMs) if (((t % DAY) + DAY) % DAY === want) return t;
  throw new InputError("decision.start", `${start} UTC is not on the targets' ${stepMs / 60_000}-minute grid`);
}

/**
 * Plans the audit's decisions: for each band and issue, the vector of `steps` targets from the first
 * (aligned) target at least leadHours after the issue, with its outturns and the persistence baseline.
 * A decision whose vector the issue does not cover, or that lacks an outturn or a persistence value,
 * is skipped and counted (never filled); with shortIssues "error" a short issue is an InputError.
 */
export function planDecisions(v: ForecastVintages, rule: DecisionRule): DecisionPlan {
  const { steps } = rule;
  const stepMs = v.stepMs;
  const lookBack = rule.persistenceDays ?? 7;
  const longest = Math.max(...v.issues.map((i) => i.values.length));
  const kept: { band: number; issue: number; start: number }[] = [];
  const skipped: Record<string, SkippedDecisions> = {};
  rule.bands.forEach((band, b) => {
    const skip: SkippedDecisions = { shortIssue: 0, beyondIssue: 0, gapInIssue: 0, missingOutturn: 0, noPersistence: 0, shortIssues: [] };
    skipped[band.name] = skip;
    let covered = 0;
    v.issues.forEach((issue, i) => {
      const start = firstTarget(issue, stepMs, issue.issuedAt + band.leadHours * HOUR, rule.start);
      const first = (start - issue.start) / stepMs;
      if (first + steps > issue.values.length) {
        if (issue.values.length < longest) {
          if (rule.shortIssues === "error") {
            throw new InputError(
              `${v.file}:${issue.line}`,
              `issue ${iso(issue.issuedAt)} ends at ${iso(issue.start + (issue.values.length - 1) * stepMs)} (${issue.rows} rows); band '${band.name}' needs targets up to ${iso(start + (steps - 1) * stepMs)}`,
            );
          }
          skip.shortIssue++;
          skip.shortIssues.push(iso(issue.issuedAt));
        } else skip.beyondIssue++;
        return;
      }
      covered++;
      for (let k = 0; k < steps; k++) {
        if (Number.isNaN(issue.values[first + k])) {
          skip.gapInIssue++;
          return;
        }
      }
      for (let k = 0; k < steps; k++) {
        if (!v.actuals.has(start + k * stepMs)) {
          skip.missingOutturn++;
          return;
        }
      }
      for (let k = 0; k < steps; k++) {
        if (Number.isNaN(persistenceValue(v, issue.issuedAt, start + k * stepMs, lookBack))) {
          skip.noPersistence++;
          return;
        }
      }
      kept.push({ band: b, issue: i, start });
    });
    if (covered === 0) {
      throw new InputError(
        `bands[${b}]`,
        `no issue covers ${steps} steps from ${band.leadHours} h ahead${rule.start ? ` starting at ${rule.start} UTC` : ""} (the longest issue has ${longest} steps): lower decision.steps or the band's leadHours`,
      );
    }
  });
  const rows = kept.length;
  const dayNames = [...new Set(kept.map((k) => iso(k.start).slice(0, 10)))].sort();
  const dayIndex = new Map(dayNames.map((d, i) => [d, i]));
  const published = new Float64Array(rows * steps);
  const truth = new Float64Array(rows * steps);
  const persistence = new Float64Array(rows * steps);
  const leadHours = new Float64Array(rows * steps);
  kept.forEach(({ issue: i, start }, r) => {
    const issue = v.issues[i];
    const first = (start - issue.start) / stepMs;
    for (let k = 0; k < steps; k++) {
      const t = start + k * stepMs;
      published[r * steps + k] = issue.values[first + k];
      truth[r * steps + k] = v.actuals.get(t)!;
      persistence[r * steps + k] = persistenceValue(v, issue.issuedAt, t, lookBack);
      leadHours[r * steps + k] = (t - issue.issuedAt) / HOUR;
    }
  });
  return {
    steps,
    stepMs,
    bands: rule.bands,
    rows,
    band: Int32Array.from(kept, (k) => k.band),
    issue: Int32Array.from(kept, (k) => k.issue),
    start: Float64Array.from(kept, (k) => k.start),
    day: Int32Array.from(kept, (k) => dayIndex.get(iso(k.start).slice(0, 10))!),
    days: dayNames,
    published,
    truth,
    persistence,
    leadHours,
    skipped,
  };
}

/** The outturn of target t's time of day k = 1, 2, … days earlier, the first whose period had ended by the issue; NaN if none within `days`. */
export function persistenceValue(v: ForecastVintages, issuedAt: number, t: number, days: number): number {
  for (let k = 1; k <= days; k++) {
    const past = t - k * DAY;
    if (past + v.stepMs > issuedAt) continue;
    const actual = v.actuals.get(past);
    if (actual !== undefined) return actual;
  }
  return Number.NaN;
}
