import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";
import { expectStep, timestampCell } from "./timestamp.js";

/**
 * Reads a user's hourly price file (`time,price`, ISO stamps exactly 1 h apart, stamps without an
 * offset read as UTC) for E^P of Eq. 13; `hours` keeps the first that many. A blank or non-numeric
 * price is an InputError at `file:line` (a tariff with holes is not ours to guess); so is a gap in the
 * stamps, a file with no rows, or fewer rows than `hours`. Prices may be negative, as market prices can be.
 */
export function loadPriceCsv(file: string, hours?: number): Float64Array {
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1)) {
    throw new InputError("hours", `must be an integer ≥ 1, got ${hours}`);
  }
  const table = readCsv(file, ["time", "price"]);
  const n = table.rows.length;
  if (hours !== undefined && n < hours) throw new InputError(file, `has ${n} hourly prices, fewer than the ${hours} hours asked for`);
  const length = hours ?? n;
  const out = new Float64Array(length);
  let previousMs = 0;
  for (let i = 0; i < length; i++) {
    const { line, cells } = table.rows[i];
    const ms = timestampCell(file, line, "time", cells.time);
    if (i > 0) expectStep(file, line, previousMs, ms, 60);
    previousMs = ms;
    const price = numberCell(file, line, "price", cells.price);
    if (price === undefined) throw new InputError(`${file}:${line}`, 'column "price": empty, expected a number');
    out[i] = price;
  }
  return out;
}
