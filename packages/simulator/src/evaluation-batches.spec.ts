import type { ContextBatch } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { evaluationBatches } from "./evaluation-batches.js";
import { expectedBatch, makeSeries, marbles, rowsOf } from "./spec-fixtures.js";

describe("evaluationBatches", () => {
  it("makes an ordered full pass over the series, last batch partial (marbles)", () => {
    const series = makeSeries(5);
    const tests = marbles();
    tests.run(({ expectObservable }) => {
      expectObservable(evaluationBatches(series, { batchSize: 2, scheduler: tests })).toBe("(abc|)", {
        a: expectedBatch([0, 1]),
        b: expectedBatch([2, 3]),
        c: expectedBatch([4]),
      });
    });
  });

  it("keeps the given rows' order and never shuffles", () => {
    const series = makeSeries(20);
    const rows = Int32Array.of(15, 16, 17, 18, 19, 2, 1);
    for (let pass = 0; pass < 2; pass++) {
      const out: ContextBatch[] = [];
      evaluationBatches(series, { rows, batchSize: 3 }).subscribe((b) => out.push(b));
      expect(out.map(rowsOf)).toEqual([[15, 16, 17], [18, 19, 2], [1]]);
    }
  });

  it("emits one batch holding everything when batchSize ≥ N (marbles)", () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(evaluationBatches(makeSeries(3), { batchSize: 100 })).toBe("(a|)", { a: expectedBatch([0, 1, 2]) });
    });
  });
});
