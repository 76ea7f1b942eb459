import { type FuelFactors, type FuelMixQuirks, loadFuelMixSignal } from "./fuel-mix.js";
import type { HourlySeries } from "./hourly-series.js";

/** Litres per US gallon, to turn the gal/MWh literature figures into L/MWh. */
export const LITRES_PER_GALLON = 3.785412;

/** Water consumed per MWh generated, by fuel, in L/MWh (gal/MWh: NG 300, COL 450, NUC 600, OIL 350, OTH 475, renewables 0). */
export const OFFSITE_WATER_FACTORS: FuelFactors = Object.freeze({
  NG: 300 * LITRES_PER_GALLON,
  COL: 450 * LITRES_PER_GALLON,
  NUC: 600 * LITRES_PER_GALLON,
  OIL: 350 * LITRES_PER_GALLON,
  OTH: 475 * LITRES_PER_GALLON,
  SUN: 0,
  WAT: 0,
  WND: 0,
});

/**
 * Hourly offsite (generation) water intensity, L/MWh, of an EIA fuel-mix CSV: Σ(MWh·factor)/Σ MWh
 * with {@link OFFSITE_WATER_FACTORS}; the same empty-hour and negative-cell rules as carbon intensity.
 */
export function loadOffsiteWaterIntensity(file: string): HourlySeries<FuelMixQuirks> {
  return loadFuelMixSignal(file, OFFSITE_WATER_FACTORS);
}
