/**
 * Fills the entries flagged in `missing`, in place, by linear interpolation in index between the
 * nearest present neighbours; a run at either edge copies its one present neighbour. Index is the
 * hourly time axis, so this is interpolation in time. Returns the number of entries filled.
 * Throws RangeError when nothing is present (callers report that as an InputError with context).
 */
export function fillGaps(values: Float64Array, missing: Uint8Array): number {
  const n = values.length;
  if (missing.length !== n) throw new RangeError(`fillGaps: ${n} values but ${missing.length} flags`);
  let filled = 0;
  let previous = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && missing[i]) continue;
    const gap = i - previous - 1;
    if (gap > 0) {
      if (previous < 0 && i >= n) throw new RangeError("fillGaps: every value is missing");
      for (let k = previous + 1; k < i; k++) {
        if (previous < 0) values[k] = values[i];
        else if (i >= n) values[k] = values[previous];
        else values[k] = values[previous] + ((values[i] - values[previous]) * (k - previous)) / (i - previous);
      }
      filled += gap;
    }
    previous = i;
  }
  return filled;
}
