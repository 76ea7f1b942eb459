import { createRandom, permutation, type ContextBatch } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { epochBatches } from "./epoch-batches.js";
import { expectedBatch, makeSeries, marbles, rowsOf } from "./spec-fixtures.js";

function collect(source: { subscribe(next: (b: ContextBatch) => void): unknown }): ContextBatch[] {
  const out: ContextBatch[] = [];
  source.subscribe((b) => out.push(b));
  return out;
}

describe("epochBatches", () => {
  it("emits the rows in permutation order, batchSize at a time, last batch partial (marbles)", () => {
    const series = makeSeries(7);
    const order = Array.from(permutation(7, createRandom(3)));
    const tests = marbles();
    tests.run(({ expectObservable }) => {
      const epoch = epochBatches(series, { batchSize: 3, rng: createRandom(3), scheduler: tests });
      expectObservable(epoch).toBe("(abc|)", {
        a: expectedBatch(order.slice(0, 3)),
        b: expectedBatch(order.slice(3, 6)),
        c: expectedBatch(order.slice(6)),
      });
    });
  });

  it("covers every given row exactly once per epoch, with batch sizes B, …, B, remainder", () => {
    const series = makeSeries(40);
    const rows = Int32Array.from({ length: 23 }, (_, k) => 3 + k); // a "training split": rows 3..25
    const rng = createRandom("cover");
    for (let epoch = 0; epoch < 3; epoch++) {
      const batches = collect(epochBatches(series, { rows, batchSize: 5, rng }));
      expect(batches.map((b) => b.size)).toEqual([5, 5, 5, 5, 3]);
      const seen = batches.flatMap(rowsOf);
      expect(seen).toHaveLength(23);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from(rows));
    }
  });

  it("gives the same batches for the same seed", () => {
    const series = makeSeries(30);
    const a = collect(epochBatches(series, { batchSize: 4, rng: createRandom(42) }));
    const b = collect(epochBatches(series, { batchSize: 4, rng: createRandom(42) }));
    expect(b).toEqual(a);
  });

  it("gives a different order for a different seed, and for the next epoch of one rng", () => {
    const series = makeSeries(30);
    const order = (bs: ContextBatch[]) => bs.flatMap(rowsOf);
    const a = order(collect(epochBatches(series, { batchSize: 4, rng: createRandom(42) })));
    const b = order(collect(epochBatches(series, { batchSize: 4, rng: createRandom(43) })));
    expect(b).not.toEqual(a);
    const rng = createRandom(42);
    const first = order(collect(epochBatches(series, { batchSize: 4, rng })));
    const second = order(collect(epochBatches(series, { batchSize: 4, rng })));
    expect(first).toEqual(a);
    expect(second).not.toEqual(first);
  });

  it("draws the shuffle when called, so resubscribing replays the same epoch", () => {
    const series = makeSeries(12);
    const rng = createRandom("replay");
    const epoch = epochBatches(series, { batchSize: 5, rng });
    rng.next(); // draws after the call must not change this epoch
    expect(collect(epoch)).toEqual(collect(epoch));
    expect(collect(epoch)).toEqual(collect(epochBatches(series, { batchSize: 5, rng: createRandom("replay") })));
  });

  it("completes at once for an empty row list", () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(epochBatches(makeSeries(5), { rows: new Int32Array(0), batchSize: 2, rng: createRandom(1) })).toBe("|");
    });
  });

  it("rejects bad rows and batch sizes when called", () => {
    const series = makeSeries(5);
    expect(() => epochBatches(series, { rows: Int32Array.of(0, 9), batchSize: 2, rng: createRandom(1) })).toThrow(/epochBatches: row 9/);
    expect(() => epochBatches(series, { batchSize: 0, rng: createRandom(1) })).toThrow(/epochBatches: batchSize/);
  });
});
