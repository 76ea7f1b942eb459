import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";
import { fillGaps } from "./fill-gaps.js";
import { FUELS } from "./fuel-mix.js";
import type { HourlySeries } from "./hourly-series.js";
import { expectStep, timestampCell } from "./timestamp.js";

/**
 * Total generation per hour (MWh, the sum of the fuel columns) of an EIA fuel-mix CSV: the
 * system load a merit-order response fits the signal against. Empty hours are filled as the
 * intensity loader fills them (linear interpolation in time); negative cells count as 0.
 */
export function loadTotalGeneration(file: string): HourlySeries<{ emptyRows: number }> {
  const table = readCsv(file, ["timestamp", ...FUELS]);
  const n = table.rows.length;
  const values = new Float64Array(n);
  const empty = new Uint8Array(n);
  let emptyRows = 0;
  let firstMs = 0;
  let previousMs = 0;
  for (let i = 0; i < n; i++) {
    const { line, cells } = table.rows[i];
    const ms = timestampCell(file, line, "timestamp", cells.timestamp);
    if (i === 0) firstMs = ms;
    else expectStep(file, line, previousMs, ms, 60);
    previousMs = ms;
    let total = 0;
    for (const fuel of FUELS) total += Math.max(0, numberCell(file, line, fuel, cells[fuel]) ?? 0);
    if (!Number.isFinite(total)) throw new InputError(`${file}:${line}`, "the fuel columns sum to more than a float64 can hold (cells too large)");
    if (total > 0) values[i] = total;
    else {
      empty[i] = 1;
      emptyRows++;
    }
  }
  if (emptyRows === n) throw new InputError(file, "no hour has any generation");
  fillGaps(values, empty);
  return { values, start: new Date(firstMs).toISOString(), quirks: { emptyRows } };
}
