import type { ContextBatch } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { evaluationBatches } from "./evaluation-batches.js";
import { expectedBatch, makeSeries, marbles, WeightedAbsPopulation } from "./spec-fixtures.js";
import { withRegrets, type RegretBatch } from "./with-regrets.js";

/** Forecasts every step as truth + 1 (so each row's Σ_h |ŷ − y| is exactly horizon). */
const offByOne = (batch: ContextBatch) => batch.y.map((v) => v + 1);

describe("withRegrets", () => {
  it("attaches forecast and B×M regrets to each batch, one population call per batch (marbles)", () => {
    const population = new WeightedAbsPopulation([1, 0.5, 3]);
    const b1 = expectedBatch([0, 1], 3, 2, 3);
    const b2 = expectedBatch([2], 3, 2, 3);
    marbles().run(({ cold, expectObservable }) => {
      const out = cold("a--b|", { a: b1, b: b2 }).pipe(withRegrets(population, offByOne));
      expectObservable(out).toBe("r--s|", {
        // horizon 2, off by one per step → per-row error 2; regret = 2 · weight_m
        r: { batch: b1, forecast: offByOne(b1), regrets: Float64Array.of(2, 1, 6, 2, 1, 6) },
        s: { batch: b2, forecast: offByOne(b2), regrets: Float64Array.of(2, 1, 6) },
      });
    });
    expect(population.calls).toBe(2);
  });

  it("calls the forecast and the population exactly once per batch over a pass", () => {
    const series = makeSeries(10, 3, 2, 4);
    const population = new WeightedAbsPopulation([1, 2, 3, 4]);
    let forecasts = 0;
    const out: RegretBatch[] = [];
    evaluationBatches(series, { batchSize: 4 })
      .pipe(withRegrets(population, (b) => (forecasts++, offByOne(b))))
      .subscribe((r) => out.push(r));
    expect(out.map((r) => r.batch.size)).toEqual([4, 4, 2]);
    expect(forecasts).toBe(3);
    expect(population.calls).toBe(3);
    expect(out[2].regrets).toEqual(Float64Array.of(2, 4, 6, 8, 2, 4, 6, 8));
  });

  it("errors the stream when the forecast has the wrong length (marbles)", () => {
    const population = new WeightedAbsPopulation([1, 1]);
    marbles().run(({ cold, expectObservable }) => {
      const bad = cold("a|", { a: expectedBatch([0, 1]) }).pipe(withRegrets(population, () => new Float32Array(3)));
      expectObservable(bad).toBe("#", undefined, new RangeError("withRegrets: forecast has length 3, expected 4 (B×horizon)"));
    });
    expect(population.calls).toBe(0);
  });

  it("errors the stream when the population's size disagrees with the batch's agents", () => {
    let error: unknown;
    const population = new WeightedAbsPopulation([1, 1, 1]);
    evaluationBatches(makeSeries(2), { batchSize: 2 })
      .pipe(withRegrets(population, offByOne))
      .subscribe({ error: (e) => (error = e) });
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).toMatch(/batch has 2 ξ values per row, population needs 3×1/);
  });

  it("errors the stream when a forecast throws", () => {
    let error: unknown;
    evaluationBatches(makeSeries(2), { batchSize: 1 })
      .pipe(withRegrets(new WeightedAbsPopulation([1, 1]), () => {
        throw new Error("model not ready");
      }))
      .subscribe({ error: (e) => (error = e) });
    expect(String(error)).toMatch(/model not ready/);
  });
});
