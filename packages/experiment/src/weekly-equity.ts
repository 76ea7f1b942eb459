import { InputError, mean, variance, worst } from "@equitable/core";

/** The equity of one simulated week: across agents, of each agent's mean daily regret in it. */
export interface WeekEquity {
  readonly week: number;
  readonly variance: number;
  readonly worst: number;
  readonly mean: number;
}

/** Cuts daily regrets (days × M) into weeks of 7 days (a last partial week counts if it has any day) and measures each. */
export function weeklyEquity(daily: readonly Float64Array[]): WeekEquity[] {
  const out: WeekEquity[] = [];
  for (let w = 0; w * 7 < daily.length; w++) {
    const days = daily.slice(w * 7, w * 7 + 7);
    const m = days[0].length;
    const perAgent = new Float64Array(m);
    for (const d of days) for (let j = 0; j < m; j++) perAgent[j] += d[j] / days.length;
    out.push({ week: w, variance: variance(perAgent), worst: worst(perAgent), mean: mean(perAgent) });
  }
  return out;
}

/** One row of `equitable simulate`'s weekly-equity.csv: one deployment's week of one seed. */
export interface WeekRow {
  readonly deployment: string;
  readonly seed: number;
  readonly week: number;
  readonly variance: number;
  readonly worst: number;
  readonly mean: number;
}

const WEEK_HEADER = "deployment,seed,week,variance,worst,mean";

/** weekly-equity.csv's text (its one writer; {@link parseWeekRows} its one reader). */
export function weeklyEquityCsv(rows: readonly WeekRow[]): string {
  return `${[WEEK_HEADER, ...rows.map((w) => `${w.deployment},${w.seed},${w.week},${w.variance},${w.worst},${w.mean}`)].join("\n")}\n`;
}

/** Parses weekly-equity.csv; a malformed line is an InputError naming file and line. */
export function parseWeekRows(text: string, file: string): WeekRow[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== WEEK_HEADER) throw new InputError(file, `line 1: expected the header '${WEEK_HEADER}' (a file written by equitable simulate)`);
  return lines.slice(1).map((line, k) => {
    const cells = line.split(",");
    const [seed, week, variance, worst, mean] = cells.slice(1).map(Number);
    if (cells.length !== 6 || ![seed, week, variance, worst, mean].every(Number.isFinite)) throw new InputError(`${file}:${k + 2}`, `expected 6 fields (${WEEK_HEADER}), the last five numbers`);
    return { deployment: cells[0], seed, week, variance, worst, mean };
  });
}
