import { asyncScheduler, concatMap, lastValueFrom, take, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { contextAt, contexts } from "./contexts.js";
import { expectedContext, makeSeries, marbles } from "./spec-fixtures.js";

describe("contexts", () => {
  it("emits one context per row in series order, then completes (marbles)", () => {
    const series = makeSeries(3);
    marbles().run(({ expectObservable }) => {
      expectObservable(contexts(series)).toBe("(abc|)", {
        a: expectedContext(0),
        b: expectedContext(1),
        c: expectedContext(2),
      });
    });
  });

  it("follows the given index order, repeats included (marbles, on the test scheduler)", () => {
    const series = makeSeries(5);
    const tests = marbles();
    tests.run(({ expectObservable }) => {
      expectObservable(contexts(series, Int32Array.of(4, 0, 4, 2), tests)).toBe("(abac|)", {
        a: expectedContext(4),
        b: expectedContext(0),
        c: expectedContext(2),
      });
    });
  });

  it("can be paced by a clock stream: one row per tick of a cold observable (marbles)", () => {
    const series = makeSeries(4);
    marbles().run(({ cold, expectObservable }) => {
      const clock = cold("a--b-c|", { a: 3, b: 1, c: 2 });
      const paced = clock.pipe(concatMap((i) => contexts(series, Int32Array.of(i))));
      expectObservable(paced).toBe("a--b-c|", { a: expectedContext(3), b: expectedContext(1), c: expectedContext(2) });
    });
  });

  it("completes at once on an empty series or empty index list (marbles)", () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(contexts(makeSeries(0))).toBe("|");
      expectObservable(contexts(makeSeries(3), new Int32Array(0))).toBe("|");
    });
  });

  it("hands out views onto the series buffers, not copies", () => {
    const series = makeSeries(3);
    const c = contextAt(series, 1);
    expect(c.x.buffer).toBe(series.x.buffer);
    expect(c.y.buffer).toBe(series.y.buffer);
    expect(c.xi.buffer).toBe(series.xi.buffer);
    expect(c.x.byteOffset).toBe(1 * series.window * 4);
    expect(c.xi.byteOffset).toBe(1 * series.agents * 4);
    series.y[1 * series.horizon] = -7;
    expect(c.y[0]).toBe(-7);
    expect(c.t).toBe(series.t[1]);
  });

  it("builds contexts lazily and stops when the subscriber unsubscribes", async () => {
    // Counts the views made on x: one per context actually built.
    class CountingArray extends Float32Array {
      static views = 0;
      override subarray(begin?: number, end?: number): Float32Array<ArrayBuffer> {
        CountingArray.views++;
        return super.subarray(begin, end);
      }
    }
    const base = makeSeries(1000);
    const series = { ...base, x: new CountingArray(base.x) };
    const stream = contexts(series);
    expect(CountingArray.views).toBe(0);
    const first = await lastValueFrom(stream.pipe(take(2), toArray()));
    expect(first.map((c) => c.t)).toEqual([50, 52]);
    expect(CountingArray.views).toBe(2);
  });

  it("is cold: every subscription replays the whole series", async () => {
    const stream = contexts(makeSeries(3), undefined, asyncScheduler);
    const [a, b] = await Promise.all([lastValueFrom(stream.pipe(toArray())), lastValueFrom(stream.pipe(toArray()))]);
    expect(a.map((c) => c.t)).toEqual([50, 52, 54]);
    expect(b).toEqual(a);
  });

  it("rejects out-of-range indices when called", () => {
    expect(() => contexts(makeSeries(3), Int32Array.of(1, 3))).toThrow(/contexts: row 3/);
  });
});
