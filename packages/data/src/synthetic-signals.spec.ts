import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { slidingWindows } from "./sliding-windows.js";
import { syntheticSignals } from "./synthetic-signals.js";

const YEAR = 24 * 365;

/** Out-of-sample R² of a least-squares linear forecast of the next hour from the past `window` hours. */
function linearForecastR2(series: Float64Array, window: number): number {
  const { x, y, size } = slidingWindows(series, { window, horizon: 1 });
  const p = window + 1;
  const cut = Math.floor(size * 0.7);
  const row = (i: number) => [1, ...x.subarray(i * window, (i + 1) * window)];
  // Normal equations [XᵀX | Xᵀy], solved by Gauss–Jordan with partial pivoting.
  const a = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < cut; i++) {
    const r = row(i);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) a[j][k] += r[j] * r[k];
      a[j][p] += r[j] * y[i];
    }
  }
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const k = a[r][c] / a[c][c];
      for (let q = c; q <= p; q++) a[r][q] -= k * a[c][q];
    }
  }
  const w = a.map((r, i) => r[p] / r[i]);
  let mean = 0;
  for (let i = cut; i < size; i++) mean += y[i];
  mean /= size - cut;
  let sse = 0;
  let sst = 0;
  for (let i = cut; i < size; i++) {
    const prediction = row(i).reduce((s, v, j) => s + v * w[j], 0);
    sse += (prediction - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return 1 - sse / sst;
}

function meanWhere(series: Float64Array, keep: (h: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let h = 0; h < series.length; h++) {
    if (keep(h)) {
      s += series[h];
      n++;
    }
  }
  return s / n;
}

describe("syntheticSignals", () => {
  const a = syntheticSignals({ hours: YEAR, seed: 42 });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = syntheticSignals({ hours: YEAR, seed: 42 });
    expect(again.carbon).toEqual(a.carbon);
    expect(again.demand).toEqual(a.demand);
    const other = syntheticSignals({ hours: YEAR, seed: 43 });
    expect(other.carbon).not.toEqual(a.carbon);
    expect(other.demand).not.toEqual(a.demand);
  });

  it("gives `hours` finite, positive values within the carbon factor range", () => {
    expect(a.carbon.length).toBe(YEAR);
    expect(a.demand.length).toBe(YEAR);
    let bad = 0;
    for (let h = 0; h < YEAR; h++) {
      if (!(Number.isFinite(a.carbon[h]) && a.carbon[h] >= 0.014 && a.carbon[h] <= 0.968)) bad++;
      if (!(Number.isFinite(a.demand[h]) && a.demand[h] > 0)) bad++;
    }
    expect(bad).toBe(0);
  });

  it("has solar pull carbon down at midday and a weekly dip in demand", () => {
    const noon = meanWhere(a.carbon, (h) => h % 24 === 12);
    const midnight = meanWhere(a.carbon, (h) => h % 24 === 0);
    expect(midnight - noon).toBeGreaterThan(0.05);
    const weekend = meanWhere(a.demand, (h) => Math.floor(h / 24) % 7 >= 5);
    const weekday = meanWhere(a.demand, (h) => Math.floor(h / 24) % 7 < 5);
    expect(weekday - weekend).toBeGreaterThan(0.05);
    const afternoon = meanWhere(a.demand, (h) => h % 24 === 15);
    const night = meanWhere(a.demand, (h) => h % 24 === 3);
    expect(afternoon - night).toBeGreaterThan(0.3);
  });

  it("lets a 12-hour window predict the next hour, but not perfectly", () => {
    for (const seed of [42, 7]) {
      const { carbon, demand } = seed === 42 ? a : syntheticSignals({ hours: YEAR, seed });
      const carbonR2 = linearForecastR2(carbon, 12);
      expect(carbonR2).toBeGreaterThan(0.85);
      expect(carbonR2).toBeLessThan(0.999);
      expect(linearForecastR2(demand, 12)).toBeGreaterThan(0.8);
    }
  });

  it("rejects a non-positive or fractional length and negative settings", () => {
    expect(() => syntheticSignals({ hours: 0, seed: 1 })).toThrow(InputError);
    expect(() => syntheticSignals({ hours: 2.5, seed: 1 })).toThrow(/^hours:/);
    expect(() => syntheticSignals({ hours: 24, seed: 1, windMean: -1 })).toThrow(/^windMean:/);
  });

  it("honours the solar and wind settings", () => {
    const noSun = syntheticSignals({ hours: 24 * 28, seed: 42, solarPeak: 0 });
    const noon = meanWhere(noSun.carbon, (h) => h % 24 === 12);
    const midnight = meanWhere(noSun.carbon, (h) => h % 24 === 0);
    expect(Math.abs(midnight - noon)).toBeLessThan(0.03);
    const windy = syntheticSignals({ hours: 24 * 28, seed: 42, windMean: 0.5 });
    expect(meanWhere(windy.carbon, () => true)).toBeLessThan(meanWhere(a.carbon.subarray(0, 24 * 28), () => true));
  });
});
