/** Cooling-tower cycles of concentration c used by the paper: blowdown scales evaporation by c/(c−1). */
export const COOLING_TOWER_CYCLES = 6;

/** Lowest onsite water intensity (L/kWh): the cubic fit goes negative in cold air, where towers still use some water. */
export const MIN_ONSITE_WATER = 0.05;

/**
 * Onsite cooling-tower water intensity (L/kWh) at a wet-bulb temperature (°C), from the fit in °F
 * (6e-5·T³ − 0.01·T² + 0.61·T − 10.4)·c/(c−1), floored at {@link MIN_ONSITE_WATER}.
 */
export function onsiteWaterIntensity(wetBulbC: number, cycles: number = COOLING_TOWER_CYCLES): number {
  const f = (wetBulbC * 9) / 5 + 32;
  const evaporation = 6e-5 * f ** 3 - 0.01 * f ** 2 + 0.61 * f - 10.4;
  return Math.max(MIN_ONSITE_WATER, (evaporation * cycles) / (cycles - 1));
}
