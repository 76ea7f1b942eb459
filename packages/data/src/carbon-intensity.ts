import { type FuelFactors, type FuelMixQuirks, loadFuelMixSignal } from "./fuel-mix.js";
import type { HourlySeries } from "./hourly-series.js";

/** Life-cycle carbon intensity per fuel, kg CO2/kWh ("It's not easy being green", SIGCOMM 2012). */
export const CARBON_FACTORS: FuelFactors = Object.freeze({
  COL: 0.968,
  NG: 0.44,
  NUC: 0.015,
  OIL: 0.89,
  OTH: 0.45,
  SUN: 0.02,
  WAT: 0.014,
  WND: 0.023,
});

/**
 * Hourly grid carbon intensity (kg CO2/kWh) of an EIA fuel-mix CSV: Σ(MWh·factor)/Σ MWh with
 * {@link CARBON_FACTORS}; empty hours are filled by linear interpolation in time (nearest value at the ends).
 */
export function loadCarbonIntensity(file: string): HourlySeries<FuelMixQuirks> {
  return loadFuelMixSignal(file, CARBON_FACTORS);
}
