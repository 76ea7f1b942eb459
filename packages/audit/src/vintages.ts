import { InputError } from "@equitable/core";
import { numberCell, readCsv, timestampCell } from "@equitable/data";

/** One forecast issue (vintage): when it was published and its values on a regular grid of target periods. */
export interface ForecastIssue {
  /** Publication time, epoch ms. */
  readonly issuedAt: number;
  /** The issue's first file line (what errors name). */
  readonly line: number;
  /** Start of its first target period, epoch ms. */
  readonly start: number;
  /** Forecast per step from `start`; NaN where the issue has no row (a gap inside it, counted in the quirks). */
  readonly values: Float64Array;
  /** Rows the issue had in the file. */
  readonly rows: number;
}

/** What the loader found and handled; every count is also a number of things skipped or left out, never filled. */
export interface VintageQuirks {
  /** Issues in the table. */
  issues: number;
  /** Forecast rows. */
  rows: number;
  /** Calendar days (UTC) between the first and last issue on which nothing was issued. */
  daysWithoutIssue: number;
  /** Issues with fewer rows than the longest issue. */
  shortIssues: number;
  /** Missing steps inside an issue (a hole in its targets). */
  stepsMissingInsideIssues: number;
  /** Target periods some issue forecasts that have no actual. */
  targetsWithoutActual: number;
  /** Targets whose actual the forecast table's `actual` column gives differently in two rows (the later row wins; only without an actuals table). */
  conflictingActuals: number;
}

/** A forecast-vintages table, loaded: its issues in publication order, the actuals, the grid step. */
export interface ForecastVintages {
  /** The forecast table's path as given. */
  readonly file: string;
  /** Grid step of the targets, ms (30 min for NESO's half-hours, 1 h elsewhere). */
  readonly stepMs: number;
  /** Issues sorted by `issuedAt`. */
  readonly issues: readonly ForecastIssue[];
  /** Actual (outturn) per target start, epoch ms. */
  readonly actuals: ReadonlyMap<number, number>;
  /** The quirks found. */
  readonly quirks: VintageQuirks;
}

/** Options of {@link loadForecastVintages}. */
export interface VintageOptions {
  /** A table of actuals `from,actual` (other columns ignored); without it, the forecast table's `actual` column. */
  readonly actualsFile?: string;
  /** Target grid step in minutes; default: the smallest spacing of consecutive targets inside an issue. */
  readonly stepMinutes?: number;
}

const DAY = 86_400_000;

/**
 * Reads a long table `issued_at,target_from,forecast[,actual]` (one row per issue and target period,
 * sorted by issued_at then target_from) and its actuals. Unsorted or duplicated (issued_at, target_from),
 * a non-finite or blank forecast, a target off the grid: InputError naming file:line. Holes between
 * issues, short issues, gaps inside an issue and missing actuals are kept as they are and counted.
 */
export function loadForecastVintages(file: string, opts: VintageOptions = {}): ForecastVintages {
  const table = readCsv(file, ["issued_at", "target_from", "forecast"]);
  const withActual = table.columns.includes("actual");
  type Raw = { issuedAt: number; line: number; targets: number[]; values: number[] };
  const raws: Raw[] = [];
  const fromTable = new Map<number, number>();
  let conflicting = 0;
  let prev: { issuedAt: number; target: number; line: number } | undefined;
  for (const { line, cells } of table.rows) {
    const issuedAt = timestampCell(file, line, "issued_at", cells.issued_at);
    const target = timestampCell(file, line, "target_from", cells.target_from);
    const forecast = numberCell(file, line, "forecast", cells.forecast);
    if (forecast === undefined) throw new InputError(`${file}:${line}`, `column "forecast" is blank (a forecast row must have a value; leave the row out instead)`);
    if (prev) {
      if (issuedAt === prev.issuedAt && target === prev.target) {
        throw new InputError(`${file}:${line}`, `duplicate (issued_at, target_from) = (${iso(issuedAt)}, ${iso(target)}), first at line ${prev.line}`);
      }
      if (issuedAt < prev.issuedAt || (issuedAt === prev.issuedAt && target < prev.target)) {
        throw new InputError(`${file}:${line}`, `rows are not sorted by (issued_at, target_from): (${iso(issuedAt)}, ${iso(target)}) after (${iso(prev.issuedAt)}, ${iso(prev.target)}) at line ${prev.line}`);
      }
    }
    if (!prev || issuedAt !== prev.issuedAt) raws.push({ issuedAt, line, targets: [], values: [] });
    const raw = raws[raws.length - 1];
    raw.targets.push(target);
    raw.values.push(forecast);
    if (withActual) {
      const actual = numberCell(file, line, "actual", cells.actual);
      if (actual !== undefined) {
        const before = fromTable.get(target);
        if (before !== undefined && before !== actual) conflicting++;
        fromTable.set(target, actual);
      }
    }
    prev = { issuedAt, target, line };
  }
  const stepMs = opts.stepMinutes !== undefined ? opts.stepMinutes * 60_000 : inferStep(file, raws);
  if (!(stepMs > 0) || !Number.isInteger(stepMs)) throw new InputError(file, `step must be a positive number of minutes, got ${stepMs / 60_000}`);
  let inside = 0;
  const issues: ForecastIssue[] = raws.map((raw) => {
    const start = raw.targets[0];
    const last = raw.targets[raw.targets.length - 1];
    const n = Math.round((last - start) / stepMs) + 1;
    const values = new Float64Array(n).fill(Number.NaN);
    raw.targets.forEach((t, k) => {
      const offset = (t - start) / stepMs;
      if (!Number.isInteger(offset)) {
        throw new InputError(`${file}:${raw.line + k}`, `target_from ${iso(t)} is not on the ${stepMs / 60_000}-minute grid of its issue (first target ${iso(start)})`);
      }
      values[offset] = raw.values[k];
    });
    inside += n - raw.targets.length;
    return { issuedAt: raw.issuedAt, line: raw.line, start, values, rows: raw.targets.length };
  });
  const actuals = opts.actualsFile ? loadActuals(opts.actualsFile) : fromTable;
  const longest = Math.max(...issues.map((i) => i.rows));
  const targets = new Set<number>();
  for (const issue of issues) for (let k = 0; k < issue.values.length; k++) if (!Number.isNaN(issue.values[k])) targets.add(issue.start + k * stepMs);
  let withoutActual = 0;
  for (const t of targets) if (!actuals.has(t)) withoutActual++;
  const days = new Set(issues.map((i) => Math.floor(i.issuedAt / DAY)));
  const span = Math.floor(issues[issues.length - 1].issuedAt / DAY) - Math.floor(issues[0].issuedAt / DAY) + 1;
  return {
    file,
    stepMs,
    issues,
    actuals,
    quirks: {
      issues: issues.length,
      rows: table.rows.length,
      daysWithoutIssue: span - days.size,
      shortIssues: issues.filter((i) => i.rows < longest).length,
      stepsMissingInsideIssues: inside,
      targetsWithoutActual: withoutActual,
      conflictingActuals: opts.actualsFile ? 0 : conflicting,
    },
  };
}

/** Reads `from,actual`: sorted, no duplicate, finite; a blank actual is missing (left out, never zero). */
export function loadActuals(file: string): Map<number, number> {
  const table = readCsv(file, ["from", "actual"]);
  const out = new Map<number, number>();
  let prev: { t: number; line: number } | undefined;
  for (const { line, cells } of table.rows) {
    const t = timestampCell(file, line, "from", cells.from);
    if (prev && t === prev.t) throw new InputError(`${file}:${line}`, `duplicate "from" ${iso(t)}, first at line ${prev.line}`);
    if (prev && t < prev.t) throw new InputError(`${file}:${line}`, `rows are not sorted by "from": ${iso(t)} after ${iso(prev.t)} at line ${prev.line}`);
    const actual = numberCell(file, line, "actual", cells.actual);
    if (actual !== undefined) out.set(t, actual);
    prev = { t, line };
  }
  return out;
}

function inferStep(file: string, raws: readonly { targets: number[] }[]): number {
  let step = Infinity;
  for (const raw of raws) for (let k = 1; k < raw.targets.length; k++) step = Math.min(step, raw.targets[k] - raw.targets[k - 1]);
  if (step === Infinity) throw new InputError(file, "every issue has a single row: give the step (stepMinutes) explicitly");
  return step;
}

/** "2023-03-14T23:31Z": how errors and outputs name a time. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(":00.000Z", "Z");
}
