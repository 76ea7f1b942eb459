import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { assertConformingPopulation } from "@equitable/testkit";
import { ProcurementPopulation } from "./procurement-population.js";
import { criticalRatiosFor } from "./critical-ratios.js";

const tau = criticalRatiosFor(5, 0.2, 5, "linear");
const desks = () => new ProcurementPopulation({ under: tau, over: tau.map((t) => 1 - t) });

describe("ProcurementPopulation (newsvendor desks)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("conforms to the agent contract (float64 and tensor regrets, gradients, no leaks)", () => {
    assertConformingPopulation(desks(), {
      seed: 4, horizon: 1, sampleXi: (rng, batch) => Float64Array.from({ length: batch * 5 }, () => 0.2 + 2 * rng.next()),
    });
    assertConformingPopulation(desks(), {
      seed: 5, horizon: 3, sampleXi: (rng, batch) => Float64Array.from({ length: batch * 5 }, () => 0.2 + 2 * rng.next()),
    });
  });

  it("a desk's total regret over any sample of truths is least at the sample's τ-quantile (so desks disagree)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: -1, max: 11, noNaN: true }),
        (truths, j, other) => {
          const p = desks();
          const total = (c: number) => {
            const r = p.regrets(new Float64Array(truths.length).fill(c), Float64Array.from(truths), new Float64Array(truths.length * 5).fill(1), truths.length);
            let s = 0;
            for (let i = 0; i < truths.length; i++) s += r[i * 5 + j];
            return s;
          };
          // The empirical τ-quantile: the smallest truth with at least a τ share of the sample at or below it.
          const sorted = [...truths].sort((a, b) => a - b);
          const quantile = sorted[Math.max(0, Math.ceil(tau[j] * sorted.length) - 1)];
          expect(total(quantile)).toBeLessThanOrEqual(total(other) + 1e-9);
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });

  it("critical ratios: linear spacing skews τ above 1/2, geometric is symmetric around it", () => {
    expect(Array.from(criticalRatiosFor(3, 0.2, 5, "geometric"), (t) => +t.toFixed(12))).toEqual([+(1 / 6).toFixed(12), 0.5, +(5 / 6).toFixed(12)]);
    const linear = criticalRatiosFor(3, 0.2, 5, "linear");
    expect(linear[1]).toBeCloseTo(2.6 / 3.6, 12);
    expect(() => new ProcurementPopulation({ under: [1, -1], over: [1, 1] })).toThrow(/under price of desk 1 must be a finite number > 0, got -1/);
  });
});
