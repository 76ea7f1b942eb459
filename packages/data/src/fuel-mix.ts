import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";
import { fillGaps } from "./fill-gaps.js";
import type { HourlySeries } from "./hourly-series.js";
import { expectStep, timestampCell } from "./timestamp.js";

/** The EIA fuel columns of a fuel-mix CSV: wind, solar, hydro, oil, gas, coal, nuclear, other. */
export const FUELS = ["WND", "SUN", "WAT", "OIL", "NG", "COL", "NUC", "OTH"] as const;

/** One EIA fuel column name. */
export type Fuel = (typeof FUELS)[number];

/** A per-fuel factor (emissions or water per MWh generated). */
export type FuelFactors = Readonly<Record<Fuel, number>>;

/** What a fuel-mix loader found and repaired. */
export interface FuelMixQuirks {
  /** Hours with no generation at all (every fuel cell blank or zero), filled by interpolation. */
  readonly emptyRows: number;
  /** Negative generation cells, clamped to 0 MWh. */
  readonly negativeCells: number;
  /** Blank fuel cells in hours that do have generation, read as 0 MWh. */
  readonly blankCells: number;
}

/**
 * Reads an EIA fuel-mix CSV (timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH[,avg_CI]) and returns the
 * generation-weighted mean factor Σ(MWh·factor)/Σ MWh per hour. Negative cells count as 0 MWh;
 * blank cells in an hour with generation count as 0 MWh; an hour with no generation has no mix to
 * weight, so it is an "empty hour" filled by linear interpolation in time between the nearest
 * non-empty hours (copying the nearest one at either end). `avg_CI` is ignored: it was computed
 * with other factors. Bad cells, missing columns, non-hourly stamps and empty files throw InputError.
 */
export function loadFuelMixSignal(file: string, factors: FuelFactors): HourlySeries<FuelMixQuirks> {
  const table = readCsv(file, ["timestamp", ...FUELS]);
  const n = table.rows.length;
  const values = new Float64Array(n);
  const empty = new Uint8Array(n);
  let emptyRows = 0;
  let negativeCells = 0;
  let blankCells = 0;
  let firstMs = 0;
  let previousMs = 0;
  for (let i = 0; i < n; i++) {
    const { line, cells } = table.rows[i];
    const ms = timestampCell(file, line, "timestamp", cells.timestamp);
    if (i === 0) firstMs = ms;
    else expectStep(file, line, previousMs, ms, 60);
    previousMs = ms;
    let total = 0;
    let weighted = 0;
    let blanks = 0;
    for (const fuel of FUELS) {
      let mwh = numberCell(file, line, fuel, cells[fuel]);
      if (mwh === undefined) {
        blanks++;
        continue;
      }
      if (mwh < 0) {
        negativeCells++;
        mwh = 0;
      }
      total += mwh;
      weighted += mwh * factors[fuel];
    }
    // Each cell is finite, but their sum can still overflow (two cells of 1e308): the hour would
    // silently become Σ/∞ = 0.
    if (!Number.isFinite(total) || !Number.isFinite(weighted)) {
      throw new InputError(`${file}:${line}`, "the fuel columns sum to more than a float64 can hold (cells too large)");
    }
    if (total > 0) {
      values[i] = weighted / total;
      blankCells += blanks;
    } else {
      empty[i] = 1;
      emptyRows++;
    }
  }
  if (emptyRows === n) throw new InputError(file, "no hour has any generation");
  fillGaps(values, empty);
  return { values, start: new Date(firstMs).toISOString(), quirks: { emptyRows, negativeCells, blankCells } };
}
