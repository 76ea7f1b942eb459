/**
 * Wet-bulb temperature (°C) from dry-bulb temperature (°C) and relative humidity (%) by Stull's
 * (2011) empirical fit, valid to about ±1 °C for RH 5–99 % and −20–50 °C; near saturation it can
 * exceed the dry bulb by a few tenths, which callers that need Tw ≤ T must cap.
 */
export function stullWetBulb(dryBulbC: number, relativeHumidity: number): number {
  const t = dryBulbC;
  const rh = relativeHumidity;
  return (
    t * Math.atan(0.151977 * Math.sqrt(rh + 8.313659)) +
    Math.atan(t + rh) -
    Math.atan(rh - 1.676331) +
    0.00391838 * rh ** 1.5 * Math.atan(0.023101 * rh) -
    4.686035
  );
}
