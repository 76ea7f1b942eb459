/**
 * How concentrated the agents' load is in the hours the forecast called cheapest: per day of 24
 * ticks, the share of the day's (positive) load placed in its `share`·24 hours with the lowest
 * forecast (made at each hour for that hour), over the whole span. 0.25 (the default quarter) is
 * what load spread evenly gives; 1 is every unit of load in the forecast's cheapest quarter.
 * NaN when there is no positive load.
 */
export function herding(load: ArrayLike<number>, forecast: ArrayLike<number>, share = 0.25, day = 24): number {
  if (load.length !== forecast.length) throw new RangeError(`herding: ${load.length} loads, ${forecast.length} forecasts`);
  let inCheap = 0;
  let total = 0;
  for (let from = 0; from < load.length; from += day) {
    const to = Math.min(load.length, from + day);
    const hours = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => forecast[a] - forecast[b] || a - b);
    const cheap = Math.max(1, Math.round(share * (to - from)));
    for (let k = 0; k < hours.length; k++) {
      const l = Math.max(0, load[hours[k]]);
      total += l;
      if (k < cheap) inCheap += l;
    }
  }
  return total > 0 ? inCheap / total : Number.NaN;
}
