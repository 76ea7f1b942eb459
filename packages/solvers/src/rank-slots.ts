// Internal: the one ranking routine behind the fast paths and the batch calls, so that every
// route breaks ties the same way (lower slot index first).

/** Insertion sort pays off up to about this many slots; above it, a comparator sort of indices. */
const INSERTION_LIMIT = 64;
const keys = new Float64Array(INSERTION_LIMIT);

/**
 * Writes to order[orderOffset .. +slots) the indices 0..slots−1 of values[offset .. +slots) by
 * ascending value, ties by lower index. Returns −1, or the first slot whose value is not finite
 * (order is then unspecified), so the caller can name it in its error.
 */
export function rankSlots(
  values: ArrayLike<number>,
  offset: number,
  slots: number,
  order: Uint8Array | Uint32Array,
  orderOffset: number,
): number {
  if (slots <= INSERTION_LIMIT) {
    for (let i = 0; i < slots; i++) {
      const v = values[offset + i];
      // v − v is NaN for NaN and ±Infinity, and for anything that is not a number.
      if (v - v !== 0) return i;
      let j = i;
      // Strict ">" keeps equal values in index order (stable).
      while (j > 0 && keys[j - 1] > v) {
        keys[j] = keys[j - 1];
        order[orderOffset + j] = order[orderOffset + j - 1];
        j--;
      }
      keys[j] = v;
      order[orderOffset + j] = i;
    }
    return -1;
  }
  for (let i = 0; i < slots; i++) {
    const v = values[offset + i];
    if (v - v !== 0) return i;
  }
  const idx = new Uint32Array(slots);
  for (let i = 0; i < slots; i++) idx[i] = i;
  idx.sort((a, b) => {
    const va = values[offset + a];
    const vb = values[offset + b];
    return va < vb ? -1 : va > vb ? 1 : a - b;
  });
  order.set(idx, orderOffset);
  return -1;
}
