import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";
import { fillGaps } from "./fill-gaps.js";
import type { HourlySeries } from "./hourly-series.js";
import { expectStep, timestampCell } from "./timestamp.js";

/** What the Azure demand loader found and repaired. */
export interface AzureDemandQuirks {
  /** Blank Demand cells, filled by linear interpolation in time before averaging. */
  readonly emptyRows: number;
  /** A trailing half-hour without a partner (0 or 1), dropped so every hour averages two readings. */
  readonly droppedRows: number;
}

/**
 * Reads the Azure Functions demand trace (`Time,Demand`, half-hourly) onto an hourly axis by
 * averaging consecutive pairs of rows: hour i is the mean of rows 2i and 2i+1, and starts at the
 * first row's stamp (read as UTC). An odd trailing row is dropped and counted; blank cells are
 * filled by linear interpolation. Stamps must be exactly 30 min apart, otherwise InputError.
 */
export function loadAzureDemand(file: string): HourlySeries<AzureDemandQuirks> {
  const table = readCsv(file, ["Time", "Demand"]);
  const n = table.rows.length;
  const halfHours = new Float64Array(n);
  const blank = new Uint8Array(n);
  let emptyRows = 0;
  let firstMs = 0;
  let previousMs = 0;
  for (let i = 0; i < n; i++) {
    const { line, cells } = table.rows[i];
    const ms = timestampCell(file, line, "Time", cells.Time);
    if (i === 0) firstMs = ms;
    else expectStep(file, line, previousMs, ms, 30);
    previousMs = ms;
    const demand = numberCell(file, line, "Demand", cells.Demand);
    if (demand === undefined) {
      blank[i] = 1;
      emptyRows++;
    } else {
      halfHours[i] = demand;
    }
  }
  if (emptyRows === n) throw new InputError(file, 'every "Demand" cell is empty');
  if (n < 2) throw new InputError(file, "fewer than two half-hourly rows, so not one full hour");
  fillGaps(halfHours, blank);
  const hours = Math.floor(n / 2);
  const values = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    values[h] = (halfHours[2 * h] + halfHours[2 * h + 1]) / 2;
    // Two finite half-hours can overflow their sum (1e308 + 1e308).
    if (!Number.isFinite(values[h])) {
      throw new InputError(`${file}:${table.rows[2 * h + 1].line}`, 'column "Demand": the two half-hours of this hour sum to more than a float64 can hold');
    }
  }
  return { values, start: new Date(firstMs).toISOString(), quirks: { emptyRows, droppedRows: n % 2 } };
}
