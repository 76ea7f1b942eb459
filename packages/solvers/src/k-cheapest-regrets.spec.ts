import { InputError } from "@equitable/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kCheapestRegrets } from "./k-cheapest-regrets.js";
import { bruteForce } from "./spec-fixtures.js";

/** A batch: rows×slots forecast and truth drawn from `cell`, rows×agents ks in [0, slots] and weights. */
const batch = (cell: fc.Arbitrary<number>) =>
  fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), slots: fc.integer({ min: 1, max: 8 }), agents: fc.integer({ min: 1, max: 4 }) })
    .chain(({ rows, slots, agents }) =>
      fc.record({
        rows: fc.constant(rows),
        slots: fc.constant(slots),
        agents: fc.constant(agents),
        forecast: fc.array(cell, { minLength: rows * slots, maxLength: rows * slots }),
        truth: fc.array(cell, { minLength: rows * slots, maxLength: rows * slots }),
        ks: fc.array(fc.integer({ min: 0, max: slots }), { minLength: rows * agents, maxLength: rows * agents }),
        weights: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: rows * agents, maxLength: rows * agents }),
      }),
    );

describe("kCheapestRegrets (Eq. 13 with uniform rate; phones of A.4)", () => {
  it("equals weight × (truth cost of the forecast's optimum − truth optimum), by brute force over all C(T, k) schedules", () => {
    fc.assert(
      fc.property(batch(fc.double({ min: -10, max: 10, noNaN: true })), ({ rows, slots, agents, forecast, truth, ks, weights }) => {
        const got = kCheapestRegrets(forecast, truth, rows, slots, ks, weights, agents);
        for (let r = 0; r < rows; r++) {
          for (let m = 0; m < agents; m++) {
            const i = r * agents + m;
            const b = bruteForce(forecast, truth, r, slots, ks[i]);
            const lo = weights[i] * (b.bestOfForecastOptima - b.truthOptimum);
            const hi = weights[i] * (b.worstOfForecastOptima - b.truthOptimum);
            expect(got[i]).toBeGreaterThanOrEqual(Math.max(0, lo) - 1e-9);
            expect(got[i]).toBeLessThanOrEqual(hi + 1e-9);
          }
        }
      }),
      { seed: 1301, numRuns: 300 },
    );
  });

  it("with many ties (values in {0, 1, 2}) stays within the best and worst forecast-optimal schedules", () => {
    fc.assert(
      fc.property(batch(fc.integer({ min: 0, max: 2 })), ({ rows, slots, agents, forecast, truth, ks, weights }) => {
        const got = kCheapestRegrets(forecast, truth, rows, slots, ks, weights, agents);
        for (let r = 0; r < rows; r++) {
          for (let m = 0; m < agents; m++) {
            const i = r * agents + m;
            const b = bruteForce(forecast, truth, r, slots, ks[i]);
            expect(got[i]).toBeGreaterThanOrEqual(weights[i] * (b.bestOfForecastOptima - b.truthOptimum) - 1e-9);
            expect(got[i]).toBeLessThanOrEqual(weights[i] * (b.worstOfForecastOptima - b.truthOptimum) + 1e-9);
          }
        }
      }),
      { seed: 1302, numRuns: 300 },
    );
  });

  // Eq. 13's cost is linear in the signal, so over any spread of truths an agent's summed regret
  // is smallest when it ranks by their mean — for every k and rate — which is MSE's minimiser too
  // (docs/design.md: why q has little to tune when all agents share one forecast).
  it("over a sample of truths, the mean truth as forecast gives every k the least total regret", () => {
    const slots = 6;
    const cell = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: slots, maxLength: slots }), { minLength: 2, maxLength: 10 }),
        fc.array(cell, { minLength: slots, maxLength: slots }),
        fc.integer({ min: 0, max: slots }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (truths, other, k, rate) => {
          const n = truths.length;
          const mean = Array.from({ length: slots }, (_, t) => truths.reduce((sum, y) => sum + y[t], 0) / n);
          const total = (forecast: number[]) =>
            kCheapestRegrets(truths.flatMap(() => forecast), truths.flat(), n, slots, new Array(n).fill(k), new Array(n).fill(rate), 1).reduce(
              (sum, r) => sum + r,
              0,
            );
          const atMean = total(mean);
          for (const forecast of [other, ...truths]) expect(atMean).toBeLessThanOrEqual(total(forecast) + 1e-9 * (1 + atMean));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is ≥ 0 always and exactly 0 when the forecast is the truth", () => {
    fc.assert(
      fc.property(batch(fc.double({ min: -1e3, max: 1e3, noNaN: true })), ({ rows, slots, agents, forecast, truth, ks, weights }) => {
        for (const r of kCheapestRegrets(forecast, truth, rows, slots, ks, weights, agents)) expect(r).toBeGreaterThanOrEqual(0);
        for (const r of kCheapestRegrets(truth, truth, rows, slots, ks, weights, agents)) expect(r).toBe(0);
      }),
      { seed: 1303, numRuns: 200 },
    );
  });

  it("works a hand example: T = 4, forecast ranks the slots wrongly", () => {
    // Truth: slots 2 and 3 are cheapest (1 + 2); the forecast picks 0 and 1 (truth 5 + 4).
    const truth = [5, 4, 1, 2];
    const forecast = [0, 1, 3, 2];
    const got = kCheapestRegrets(forecast, truth, 1, 4, [0, 1, 2, 3, 4], [1, 2, 0.5, 1, 1], 5);
    // k=1: forecast slot 0 (5) vs 1 → 4·2 = 8; k=2: (5+4) − (1+2) = 6 → 3; k=3: forecast 0,1,3 → 11 vs 7 → 4; k=4: 0.
    expect(Array.from(got)).toEqual([0, 8, 3, 4, 0]);
    // Writes into `out` when given.
    const out = new Float64Array(5).fill(-1);
    expect(kCheapestRegrets(forecast, truth, 1, 4, [0, 1, 2, 3, 4], [1, 2, 0.5, 1, 1], 5, out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 8, 3, 4, 0]);
  });

  it("names the sample and slot of a NaN, and rejects bad k, weights and shapes", () => {
    const f = new Float64Array(3 * 6).fill(1);
    f[1 * 6 + 4] = Number.NaN;
    const y = new Float64Array(3 * 6).fill(2);
    const call = () => kCheapestRegrets(f, y, 3, 6, [1, 1, 1], [1, 1, 1], 1);
    expect(call).toThrow(InputError);
    expect(call).toThrow("sample 1: forecast is NaN at slot 4");
    y[2 * 6] = Infinity;
    expect(() => kCheapestRegrets(y.map(() => 0), y, 3, 6, [1, 1, 1], [1, 1, 1], 1)).toThrow("sample 2: truth is Infinity at slot 0");
    const ok = new Float64Array(6);
    expect(() => kCheapestRegrets(ok, ok, 1, 6, [7], [1], 1)).toThrow("sample 0, agent index 0: k = 7 is not an integer in [0, 6]");
    expect(() => kCheapestRegrets(ok, ok, 1, 6, [1.5], [1], 1)).toThrow(InputError);
    expect(() => kCheapestRegrets(ok, ok, 1, 6, [1], [-1], 1)).toThrow(/weight -1/);
    expect(() => kCheapestRegrets(ok, ok, 1, 5, [1], [1], 1)).toThrow(RangeError);
    expect(() => kCheapestRegrets(ok, ok, 1, 6, [1, 1], [1], 1)).toThrow(RangeError);
    expect(() => kCheapestRegrets(ok, ok, 1, 6, [1], [1], 1, new Float64Array(2))).toThrow(RangeError);
    expect(kCheapestRegrets([], [], 0, 6, [], [], 3).length).toBe(0);
  });
});
