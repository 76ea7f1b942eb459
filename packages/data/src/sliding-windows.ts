import { InputError } from "@equitable/core";

/** Window and horizon of a supervised data set built from one series. */
export interface WindowOptions {
  /** Past values per input row. */
  readonly window: number;
  /** Future values per target row. */
  readonly horizon: number;
}

/** N windowed rows of a series in row-major typed arrays (the x, y, t of a core ContextSeries). */
export interface WindowedSeries {
  /** Number of rows N = length − window − horizon + 1. */
  readonly size: number;
  /** Input length per row. */
  readonly window: number;
  /** Target length per row. */
  readonly horizon: number;
  /** N×window inputs: row i is values[i .. i+window). */
  readonly x: Float32Array;
  /** N×horizon targets: row i is values[i+window .. i+window+horizon). */
  readonly y: Float32Array;
  /** Index of each row's first predicted value (i + window). */
  readonly t: Int32Array;
}

function positiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InputError(field, `${field} must be a positive integer, got ${value}`);
}

/**
 * Cuts a series into every (window → horizon) pair with stride 1, oldest first; float32 because
 * that is what models consume. Throws InputError when window + horizon exceeds the series length.
 */
export function slidingWindows(values: ArrayLike<number>, { window, horizon }: WindowOptions): WindowedSeries {
  positiveInteger("window", window);
  positiveInteger("horizon", horizon);
  const size = values.length - window - horizon + 1;
  if (size < 1) {
    throw new InputError("window", `window (${window}) + horizon (${horizon}) exceeds the series length (${values.length})`);
  }
  const x = new Float32Array(size * window);
  const y = new Float32Array(size * horizon);
  const t = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < window; k++) x[i * window + k] = values[i + k];
    for (let k = 0; k < horizon; k++) y[i * horizon + k] = values[i + window + k];
    t[i] = i + window;
  }
  return { size, window, horizon, x, y, t };
}
