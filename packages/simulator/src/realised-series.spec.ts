import { describe, expect, it } from "vitest";
import { herding } from "./herding.js";
import { hourlySignal, realisedSeries } from "./realised-series.js";

// The data package's windowing, restated (the simulator does not depend on data).
function slidingWindows(values: ArrayLike<number>, { window, horizon }: { window: number; horizon: number }) {
  const size = values.length - window - horizon + 1;
  const x = new Float32Array(size * window);
  const y = new Float32Array(size * horizon);
  const t = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < window; k++) x[i * window + k] = values[i + k];
    for (let k = 0; k < horizon; k++) y[i * horizon + k] = values[i + window + k];
    t[i] = i + window;
  }
  return { size, x, y, t };
}

const signal = Float64Array.from({ length: 30 }, (_, t) => t * 0.5);
const windows = slidingWindows(signal, { window: 4, horizon: 3 });
const series = { size: windows.size, window: 4, horizon: 3, agents: 1, xiWidth: 1, t: windows.t, x: windows.x, y: windows.y, xi: new Float32Array(windows.size) };

describe("hourlySignal / realisedSeries", () => {
  it("recovers the hourly signal a series was windowed from", () => {
    expect(Array.from(hourlySignal(series))).toEqual(Array.from(signal));
  });

  it("re-windows a moved signal: a change at one hour reaches every row whose window or truths cover it", () => {
    const moved = Float64Array.from(signal);
    moved[10] = 99;
    const r = realisedSeries(series, moved);
    const again = slidingWindows(moved, { window: 4, horizon: 3 });
    expect(Array.from(r.x)).toEqual(Array.from(again.x));
    expect(Array.from(r.y)).toEqual(Array.from(again.y));
    expect(r.xi).toBe(series.xi);
  });
});

describe("herding", () => {
  it("is the share of load in each day's forecast-cheapest quarter: 1 when all load sits there, ¼ when spread evenly", () => {
    const forecast = Float64Array.from({ length: 48 }, (_, t) => (t % 24) % 7);
    const even = new Float64Array(48).fill(2);
    expect(herding(even, forecast)).toBeCloseTo(0.25, 12);
    const cheapest = Float64Array.from(forecast, (f, t) => ([0, 7, 14, 21, 1, 8].includes(t % 24) ? 1 : 0));
    expect(herding(cheapest, forecast)).toBe(1);
    const dearest = Float64Array.from(forecast, (f) => (f === 6 ? 1 : 0));
    expect(herding(dearest, forecast)).toBe(0);
    expect(herding(new Float64Array(48), forecast)).toBeNaN();
  });
});
