import { InputError } from "@equitable/core";

/**
 * `weekly-equity.csv`, written by `equitable simulate` and read by `equitable report --simulation`:
 * its one writer and its one reader, side by side, so the two cannot drift apart.
 */
export const WEEKLY_EQUITY_FILE = "weekly-equity.csv";

/** One row of weekly-equity.csv: a deployment's equity in one simulated week of one seed. */
export interface WeekRow {
  readonly deployment: string;
  readonly seed: number;
  readonly week: number;
  readonly variance: number;
  readonly worst: number;
  readonly mean: number;
}

const HEADER = "deployment,seed,week,variance,worst,mean";

/** weekly-equity.csv's text: the header, then one line per row (numbers as JavaScript prints them, exactly). */
export function formatWeekRows(rows: readonly WeekRow[]): string {
  const lines = [HEADER];
  for (const r of rows) lines.push(`${r.deployment},${r.seed},${r.week},${r.variance},${r.worst},${r.mean}`);
  return `${lines.join("\n")}\n`;
}

/** Parses weekly-equity.csv; a malformed line is an InputError naming file and line. */
export function parseWeekRows(text: string, file: string): WeekRow[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== HEADER) throw new InputError(file, `line 1: expected the header '${HEADER}' (a file written by equitable simulate)`);
  return lines.slice(1).map((line, k) => {
    const cells = line.split(",");
    const [seed, week, variance, worst, mean] = cells.slice(1).map(Number);
    if (cells.length !== 6 || ![seed, week, variance, worst, mean].every(Number.isFinite)) throw new InputError(`${file}:${k + 2}`, `expected 6 fields (${HEADER}), the last five numbers`);
    return { deployment: cells[0], seed, week, variance, worst, mean };
  });
}
