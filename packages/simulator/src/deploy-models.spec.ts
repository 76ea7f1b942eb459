import { describe, expect, it } from "vitest";
import { map, of, type Observable } from "rxjs";
import { deployModels } from "./deploy-models.js";
import type { SimTick } from "./simulation-clock.js";
import { marbles } from "./spec-fixtures.js";

const t = (index: number): SimTick => ({ index, hour: index });
const ticks = { a: t(0), b: t(1), c: t(2), d: t(3), e: t(4), f: t(5), g: t(6) };
const at = (index: number, version: number, model: string) => ({ tick: t(index), version, model });

describe("deployModels (the retraining cadence)", () => {
  it("serves the initial model until the first retrain deploys, one tick after it starts (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      const retrain = (tick: SimTick, current: string) => of(`${current}+${tick.index}`);
      expectObservable(cold("abcdefg|", ticks).pipe(deployModels("m", { every: 3, retrain }))).toBe("abcdefg|", {
        a: at(0, 0, "m"), b: at(1, 0, "m"), c: at(2, 0, "m"),
        d: at(3, 0, "m"), e: at(4, 1, "m+3"), f: at(5, 1, "m+3"), g: at(6, 1, "m+3"),
      });
    });
  });

  it("a retrain slower than a tick holds later ticks back, in order, none dropped, and swaps at the same tick (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      // Retrains take 4 frames; a tick comes every frame. The one started at tick 2 is due at tick 3 (latency 1).
      const retrain = (tick: SimTick, current: string): Observable<string> => cold("----(r|)", { r: `${current}+${tick.index}` });
      expectObservable(cold("abcdefg|", ticks).pipe(deployModels("m", { every: 2, retrain }))).toBe("abc---(de)(fg|)", {
        a: at(0, 0, "m"), b: at(1, 0, "m"), c: at(2, 0, "m"),
        // Tick 3 waits for the retrain started at tick 2 (frames 2 → 6); tick 4, queued meanwhile, follows it.
        d: at(3, 1, "m+2"), e: at(4, 1, "m+2"),
        // Tick 4 started the next retrain at frame 6: tick 5 waits for it (→ 10), tick 6 follows.
        f: at(5, 2, "m+2+4"), g: at(6, 2, "m+2+4"),
      });
    });
  });

  it("deploys the same versions at the same ticks whether retrains are fast or slow", () => {
    const versions = (delay: string) => {
      let seen: number[] = [];
      marbles().run(({ cold }) => {
        cold("abcdefg|", ticks)
          .pipe(deployModels("m", { every: 2, latency: 2, retrain: (tick, m) => cold(delay, { r: `${m}+${tick.index}` }) }), map((d) => d.version))
          .subscribe((v) => seen.push(v));
      });
      return seen;
    };
    expect(versions("(r|)")).toEqual([0, 0, 0, 0, 1, 1, 2]);
    expect(versions("-----(r|)")).toEqual(versions("(r|)"));
  });

  it("checks its cadence", () => {
    const retrain = () => of("x");
    expect(() => deployModels("m", { every: 0, retrain })).toThrow(/every must be an integer ≥ 1 tick, got 0/);
    expect(() => deployModels("m", { every: 2, latency: 3, retrain })).toThrow(/latency must be an integer in \[1, every = 2\] ticks, got 3/);
  });
});
