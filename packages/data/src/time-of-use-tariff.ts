import { InputError } from "@equitable/core";

/** A two-rate time-of-use tariff ({@link timeOfUseTariff}); hours of day are 0–23, local to the series. */
export interface TimeOfUseOptions {
  /** Length of the series, hours (integer ≥ 1). */
  readonly hours: number;
  /** Hour of day of index 0 (integer 0–23); default 0, so the series starts at midnight. */
  readonly startHour?: number;
  /** First peak hour of day (integer 0–23). */
  readonly peakStart: number;
  /** First hour of day after the peak (integer 0–24); below peakStart the peak wraps past midnight. */
  readonly peakEnd: number;
  /** Price per kWh in peak hours (finite, ≥ 0). */
  readonly peakRate: number;
  /** Price per kWh outside the peak (finite, ≥ 0). */
  readonly offPeakRate: number;
}

function integerIn(field: string, v: number, lo: number, hi: number): void {
  if (!(Number.isInteger(v) && v >= lo && v <= hi)) throw new InputError(field, `must be an integer in [${lo}, ${hi}], got ${v}`);
}

function rate(field: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new InputError(field, `must be a finite price ≥ 0, got ${v}`);
}

/**
 * Hourly price series of a two-rate time-of-use tariff, for E^P of Eq. 13 when no market prices are at
 * hand: hour i is peak when its hour of day (startHour + i) mod 24 lies in [peakStart, peakEnd),
 * wrapping past midnight when peakEnd < peakStart. peakStart = peakEnd is rejected (a flat tariff is
 * peakRate = offPeakRate). Bad fields throw InputError naming the field.
 */
export function timeOfUseTariff(opts: TimeOfUseOptions): Float64Array {
  const { hours, startHour = 0, peakStart, peakEnd, peakRate, offPeakRate } = opts;
  integerIn("hours", hours, 1, Number.MAX_SAFE_INTEGER);
  integerIn("startHour", startHour, 0, 23);
  integerIn("peakStart", peakStart, 0, 23);
  integerIn("peakEnd", peakEnd, 0, 24);
  if (peakEnd === peakStart) {
    throw new InputError("peakEnd", `equals peakStart (${peakStart}), so the peak is empty; for a flat price set peakRate = offPeakRate`);
  }
  rate("peakRate", peakRate);
  rate("offPeakRate", offPeakRate);
  const wraps = peakEnd < peakStart;
  const out = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    const h = (startHour + i) % 24;
    const peak = wraps ? h >= peakStart || h < peakEnd : h >= peakStart && h < peakEnd;
    out[i] = peak ? peakRate : offPeakRate;
  }
  return out;
}
