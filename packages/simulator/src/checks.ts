import type { ContextSeries } from "@equitable/core";

// These guards run once per call, not per element of a hot loop: a malformed series or an
// out-of-range row would otherwise surface as silently short subarrays (zeros after a .set)
// far from the mistake that caused it.

/** Throws a RangeError unless the series' typed arrays have the lengths its dimensions promise. */
export function checkSeries(series: ContextSeries, where: string): void {
  const { size, window, horizon, agents, xiWidth } = series;
  for (const [name, value] of [["size", size], ["window", window], ["horizon", horizon], ["agents", agents], ["xiWidth", xiWidth]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${where}: series.${name} must be a non-negative integer, got ${value}`);
    }
  }
  const expected = [
    ["t", series.t.length, size],
    ["x", series.x.length, size * window],
    ["y", series.y.length, size * horizon],
    ["xi", series.xi.length, size * agents * xiWidth],
  ] as const;
  for (const [name, actual, wanted] of expected) {
    if (actual !== wanted) {
      throw new RangeError(`${where}: series.${name} has length ${actual}, expected ${wanted}`);
    }
  }
}

/** Throws a RangeError unless every row index lies in [0, series.size). */
export function checkRows(series: ContextSeries, rows: ArrayLike<number>, where: string): void {
  const n = series.size;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (!(Number.isInteger(r) && r >= 0 && r < n)) {
      throw new RangeError(`${where}: row ${r} at position ${k} is outside the series (size ${n})`);
    }
  }
}

/** Throws a RangeError unless the batch size is a positive integer. */
export function checkBatchSize(batchSize: number, where: string): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`${where}: batchSize must be a positive integer, got ${batchSize}`);
  }
}
