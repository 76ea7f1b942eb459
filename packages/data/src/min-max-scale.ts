import { InputError } from "@equitable/core";

/** A min-max scaled series with the range it was scaled from, to undo or reuse the scaling. */
export interface ScaledSeries {
  /** The scaled values, in [lo, hi]. */
  readonly values: Float64Array;
  /** Smallest input value (maps to lo). */
  readonly min: number;
  /** Largest input value (maps to hi). */
  readonly max: number;
}

/**
 * Linearly maps values onto [lo, hi] (the paper scales every signal to [0, 10]). A constant series
 * has no range to stretch, so every value maps to lo. Throws InputError for an empty or non-finite series,
 * or one whose range overflows (max − min = ∞ would map every value to lo), named by `where`.
 */
export function minMaxScale(values: ArrayLike<number>, lo = 0, hi = 10, where = "values"): ScaledSeries {
  if (!(hi > lo)) throw new InputError("hi", `scale bounds must satisfy lo < hi, got lo ${lo}, hi ${hi}`);
  if (values.length === 0) throw new InputError("values", "cannot scale an empty series");
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new InputError(where, `value ${i} is ${v}, not a finite number`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float64Array(values.length);
  const span = max - min;
  if (!Number.isFinite(span)) throw new InputError(where, `ranges from ${min} to ${max}, a span larger than a float64 can hold`);
  if (span > 0) {
    for (let i = 0; i < values.length; i++) out[i] = lo + ((values[i] - min) / span) * (hi - lo);
  } else {
    out.fill(lo);
  }
  return { values: out, min, max };
}
