import { describe, expect, it } from "vitest";
import { batchContexts, packContexts } from "./batch-contexts.js";
import { contexts } from "./contexts.js";
import { expectedBatch, expectedContext, makeSeries, marbles } from "./spec-fixtures.js";

const ctx = { a: expectedContext(0), b: expectedContext(1), c: expectedContext(2), d: expectedContext(3), e: expectedContext(4) };

describe("batchContexts", () => {
  it("emits a batch when it fills and the partial remainder on completion (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      const source = cold("a-b-c-d-e|", ctx);
      expectObservable(source.pipe(batchContexts(2))).toBe("--x---y--(z|)", {
        x: expectedBatch([0, 1]),
        y: expectedBatch([2, 3]),
        z: expectedBatch([4]),
      });
    });
  });

  it("emits no empty batch when the count divides evenly (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(cold("a-b-c-d|", ctx).pipe(batchContexts(2))).toBe("--x---y|", {
        x: expectedBatch([0, 1]),
        y: expectedBatch([2, 3]),
      });
      expectObservable(cold("-|", ctx).pipe(batchContexts(3))).toBe("-|");
    });
  });

  it("emits everything as one partial batch when the stream is shorter than the size (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(cold("a-b|", ctx).pipe(batchContexts(10))).toBe("---(x|)", { x: expectedBatch([0, 1]) });
    });
  });

  it("propagates a source error and drops the incomplete batch (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(cold("a-b-c-#", ctx).pipe(batchContexts(2))).toBe("--x---#", { x: expectedBatch([0, 1]) });
    });
  });

  it("stops the source when the consumer unsubscribes (marbles)", () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold("a-b-c-d-e|", ctx);
      expectObservable(source.pipe(batchContexts(2)), "^----!").toBe("--x--", { x: expectedBatch([0, 1]) });
      expectSubscriptions(source.subscriptions).toBe("^----!");
    });
  });

  it("packs what contexts() replays into the same batches as the series rows", () => {
    const series = makeSeries(7);
    const got: unknown[] = [];
    contexts(series, Int32Array.of(6, 5, 4, 3, 2, 1, 0)).pipe(batchContexts(3)).subscribe((b) => got.push(b));
    expect(got).toEqual([expectedBatch([6, 5, 4]), expectedBatch([3, 2, 1]), expectedBatch([0])]);
  });

  it("rejects a non-positive batch size", () => {
    expect(() => batchContexts(0)).toThrow(/batchContexts: batchSize/);
  });
});

describe("packContexts", () => {
  it("rejects contexts of different shapes", () => {
    const ragged = { t: 9, x: new Float32Array(2), y: new Float32Array(2), xi: new Float32Array(2) };
    expect(() => packContexts([expectedContext(0), ragged])).toThrow(/context 1 \(t=9\) has shape 2\/2\/2, expected 3\/2\/2/);
  });

  it("copies rather than aliases the contexts' arrays", () => {
    const c = expectedContext(0);
    const batch = packContexts([c]);
    c.x[0] = 42;
    expect(batch.x[0]).toBe(0);
  });
});
