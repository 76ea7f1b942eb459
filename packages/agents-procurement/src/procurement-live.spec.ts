import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { ProcurementPopulation } from "./procurement-population.js";
import { procurementLive } from "./procurement-live.js";

describe("procurementLive (desks deployed hour by hour)", () => {
  const H = 3;
  const N = 20;
  const rng = createRandom(5);
  const series = {
    size: N, window: 1, horizon: H, agents: 2, xiWidth: 1, t: Int32Array.from({ length: N }, (_, i) => i + 1), x: new Float32Array(N),
    y: Float32Array.from({ length: N * H }, () => 10 * rng.next()), xi: Float32Array.from({ length: N * 2 }, () => rng.next()),
  };
  const population = new ProcurementPopulation({ under: [1, 3], over: [1, 1] });
  const rows = Int32Array.from({ length: N }, (_, i) => i);
  const live = procurementLive(population, series, rows, 0);

  it("prices each tick as the population's regret of its forecast (what the desks are trained on), summed over a window", () => {
    const forecasts = Float64Array.from({ length: N * H }, () => 10 * rng.next());
    const decisions = new Float64Array(N * 2 * H);
    for (let k = 0; k < N; k++) decisions.set(live.step(new Float64Array(0), k, forecasts.subarray(k * H, (k + 1) * H)).decision, k * 2 * H);
    const expected = population.regrets(forecasts, series.y, series.xi, N);
    const total = [0, 0];
    for (let k = 0; k < N; k++) for (let j = 0; j < 2; j++) total[j] += expected[k * 2 + j];
    const got = live.regrets(0, N, decisions);
    expect(got[0]).toBeCloseTo(total[0], 9);
    expect(got[1]).toBeCloseTo(total[1], 9);
  });

  it("reports as load the desks' bid for the hour ahead beyond their need on the truth: 0 when the forecast is the truth", () => {
    const exact = live.step(new Float64Array(0), 4, series.y.subarray(4 * H, 5 * H)).decision;
    expect(live.load!(exact, 4)).toBeCloseTo(0, 6);
    const high = live.step(new Float64Array(0), 4, Float64Array.from(series.y.subarray(4 * H, 5 * H), (v) => v + 1)).decision;
    expect(live.load!(high, 4)).toBeCloseTo(series.xi[8] + series.xi[9], 6);
  });
});
