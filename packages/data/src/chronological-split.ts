import { InputError } from "@equitable/core";

/** Row indices of a train/test split. */
export interface Split {
  /** Training rows, ascending. */
  readonly train: Int32Array;
  /** Test rows, ascending; all later than every training row. */
  readonly test: Int32Array;
}

/**
 * Splits rows 0..n−1 in time order: the first ⌊n·trainFraction⌋ train, the rest test. No shuffling,
 * so the model never trains on hours after those it is tested on. Throws InputError when either side
 * would be empty or trainFraction is outside (0, 1).
 */
export function chronologicalSplit(n: number, trainFraction: number): Split {
  if (!Number.isInteger(n) || n < 0) throw new InputError("n", `row count must be a non-negative integer, got ${n}`);
  if (!(trainFraction > 0 && trainFraction < 1)) {
    throw new InputError("trainFraction", `must lie strictly between 0 and 1, got ${trainFraction}`);
  }
  const cut = Math.floor(n * trainFraction);
  if (cut < 1 || cut >= n) {
    throw new InputError("trainFraction", `${trainFraction} of ${n} rows leaves ${cut} to train and ${n - cut} to test; both need at least one`);
  }
  const train = new Int32Array(cut);
  const test = new Int32Array(n - cut);
  for (let i = 0; i < cut; i++) train[i] = i;
  for (let i = cut; i < n; i++) test[i - cut] = i;
  return { train, test };
}
