import { InputError } from "@equitable/core";

/**
 * `rounds.csv`, written by `equitable simulate --rounds` (the closed loop) and read by `equitable
 * report --simulation`: its one writer and its one reader, side by side.
 */
export const ROUNDS_FILE = "rounds.csv";

/** One row of rounds.csv: one round of one deployment (a model in an open or closed loop) of one seed. */
export interface RoundCsvRow {
  readonly deployment: string;
  readonly seed: number;
  readonly round: number;
  /** Hour of the round's first tick on the signal's axis. */
  readonly hour: number;
  readonly version: number;
  /** RMS distance between this round's model's forecasts and the previous one's; NaN in round 0. */
  readonly distance: number;
  readonly forecastMean: number;
  readonly signalMean: number;
  readonly baselineMean: number;
  readonly load: number;
  readonly herding: number;
  readonly variance: number;
  readonly mean: number;
  readonly worst: number;
  readonly worstAgent: string;
}

const COLUMNS = ["deployment", "seed", "round", "hour", "version", "distance", "forecast_mean", "signal_mean", "baseline_mean", "load", "herding", "variance", "mean", "worst", "worst_agent"] as const;
const HEADER = COLUMNS.join(",");

/** rounds.csv's text: the header, then one line per row (numbers exactly as JavaScript prints them; NaN for "none"). */
export function formatRoundRows(rows: readonly RoundCsvRow[]): string {
  const lines: string[] = [HEADER];
  for (const r of rows) {
    lines.push([r.deployment, r.seed, r.round, r.hour, r.version, r.distance, r.forecastMean, r.signalMean, r.baselineMean, r.load, r.herding, r.variance, r.mean, r.worst, r.worstAgent].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Parses rounds.csv; a malformed line is an InputError naming file and line. */
export function parseRoundRows(text: string, file: string): RoundCsvRow[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== HEADER) throw new InputError(file, `line 1: expected the header '${HEADER}' (a file written by equitable simulate --rounds)`);
  return lines.slice(1).map((line, k) => {
    const cells = line.split(",");
    const numbers = cells.slice(1, 14).map(Number);
    // distance and herding may be NaN (round 0; no load); every other number must be finite.
    const finite = numbers.every((v, i) => Number.isFinite(v) || ((i === 4 || i === 9) && Number.isNaN(v)));
    if (cells.length !== COLUMNS.length || !finite) throw new InputError(`${file}:${k + 2}`, `expected ${COLUMNS.length} fields (${HEADER})`);
    const [seed, round, hour, version, distance, forecastMean, signalMean, baselineMean, load, herding, variance, mean, worst] = numbers;
    return { deployment: cells[0], seed, round, hour, version, distance, forecastMean, signalMean, baselineMean, load, herding, variance, mean, worst, worstAgent: cells[14] };
  });
}
