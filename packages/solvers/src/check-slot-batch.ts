/**
 * Shape checks shared by every k-of-T-slots population (EVs, phones): forecast and truth are
 * rows×T, ξ rows×M×2. Run once per call, not per element, so a wrong horizon fails loudly here
 * instead of as NaN regrets far downstream.
 */
export function checkSlotBatch(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, rows: number, agents: number, slots: number): void {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`regrets: rows must be an integer ≥ 0, got ${rows}`);
  if (forecast.length !== rows * slots) {
    throw new RangeError(`regrets: forecast has ${forecast.length} values, expected ${rows} rows × ${slots} slots (horizon must equal T)`);
  }
  if (truth.length !== rows * slots) throw new RangeError(`regrets: truth has ${truth.length} values, expected ${rows}×${slots}`);
  if (xi.length !== rows * agents * 2) throw new RangeError(`regrets: xi has ${xi.length} values, expected ${rows}×${agents}×2`);
}
