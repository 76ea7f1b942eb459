export { loadCarbonIntensity, CARBON_FACTORS } from "./carbon-intensity.js";
export { loadOffsiteWaterIntensity, OFFSITE_WATER_FACTORS, LITRES_PER_GALLON } from "./offsite-water.js";
export { loadTotalGeneration } from "./total-generation.js";
export { FUELS, type Fuel, type FuelFactors, type FuelMixQuirks } from "./fuel-mix.js";
export type { HourlySeries } from "./hourly-series.js";
export { loadAzureDemand, type AzureDemandQuirks } from "./azure-demand.js";
export { loadWorkload, type WorkloadSeries, type WorkloadQuirks } from "./workload.js";
export { loadWeatherWaterIntensity, type WeatherWaterIntensity, type WeatherQuirks } from "./weather-water-intensity.js";
export { stullWetBulb } from "./wet-bulb.js";
export { onsiteWaterIntensity, COOLING_TOWER_CYCLES, MIN_ONSITE_WATER } from "./onsite-water.js";
export { minMaxScale, type ScaledSeries } from "./min-max-scale.js";
export { clampPositive } from "./clamp-positive.js";
export { slidingWindows, type WindowOptions, type WindowedSeries } from "./sliding-windows.js";
export { chronologicalSplit, type Split } from "./chronological-split.js";
export { syntheticSignals, type SyntheticOptions, type SyntheticSignals } from "./synthetic-signals.js";
export {
  loadEvSessions, EV_MIN_CHARGING_HOURS, EV_MAX_CHARGING_HOURS, type EvSessions, type EvSessionQuirks,
} from "./ev-sessions.js";
export { timeOfUseTariff, type TimeOfUseOptions } from "./time-of-use-tariff.js";
export { loadPriceCsv } from "./price-csv.js";
export { combineSignals, type SignalPart } from "./combine-signals.js";
export { syntheticEvSessions } from "./synthetic-ev-sessions.js";
export { readCsv, numberCell, type CsvRow, type CsvTable } from "./csv.js";
export { timestampCell } from "./timestamp.js";
