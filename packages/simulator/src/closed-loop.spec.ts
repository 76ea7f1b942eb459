import { describe, expect, it } from "vitest";
import { map, of, type Observable } from "rxjs";
import { closedLoop, type LoopCycle } from "./closed-loop.js";
import { marbles } from "./spec-fixtures.js";

// Ticks are numbers; rounds of two ticks; a model is a string of the rounds it was retrained on.
const ticks = { a: 0, b: 1, c: 2, d: 3, e: 4, f: 5 };
const at = (tick: number, round: number, version: number, model: string) => ({ tick, round, version, observed: `${model}@${tick}` });

function cycle(retrain: (round: number, model: string, seen: readonly string[]) => Observable<string>, log: string[][] = []): LoopCycle<number, string, string> {
  return {
    roundOf: (t) => Math.floor(t / 2),
    act: (t, model) => `${model}@${t}`,
    retrain: (round, model, seen) => {
      log.push([...seen]);
      return retrain(round, model, seen);
    },
  };
}

describe("closedLoop (deploy → act → realise → retrain → redeploy)", () => {
  it("retrains between rounds on what the round observed, and the new model serves the next round (marbles)", () => {
    const log: string[][] = [];
    marbles().run(({ cold, expectObservable }) => {
      const loop = cycle((round, model) => of(`${model}${round}`), log);
      expectObservable(cold("abcdef|", ticks).pipe(closedLoop("m", loop))).toBe("abcdef|", {
        a: at(0, 0, 0, "m"), b: at(1, 0, 0, "m"), c: at(2, 1, 1, "m0"), d: at(3, 1, 1, "m0"), e: at(4, 2, 2, "m01"), f: at(5, 2, 2, "m01"),
      });
    });
    expect(log).toEqual([["m@0", "m@1"], ["m0@2", "m0@3"]]);
  });

  it("a retrain slower than a tick neither drops nor reorders ticks: later ticks queue behind it (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      // Each retrain takes 5 frames; a tick comes every frame.
      const loop = cycle((round, model) => cold("-----(r|)", { r: `${model}${round}` }));
      expectObservable(cold("abcdef|", ticks).pipe(closedLoop("m", loop))).toBe("ab-----(cd)-(ef|)", {
        a: at(0, 0, 0, "m"), b: at(1, 0, 0, "m"),
        // Tick 2 waits for the retrain on round 0 (frames 2 → 7); tick 3, queued meanwhile, follows it.
        c: at(2, 1, 1, "m0"), d: at(3, 1, 1, "m0"),
        // Tick 4 starts the retrain on round 1 at frame 7 (→ 12); tick 5 follows.
        e: at(4, 2, 2, "m01"), f: at(5, 2, 2, "m01"),
      });
    });
  });

  it("plays the same rounds with the same models whether retrains are fast or slow", () => {
    const played = (delay: string) => {
      const seen: string[] = [];
      marbles().run(({ cold }) => {
        cold("abcdef|", ticks)
          .pipe(closedLoop("m", cycle((round, model) => cold(delay, { r: `${model}${round}` }))), map((t) => t.observed))
          .subscribe((o) => seen.push(o));
      });
      return seen;
    };
    expect(played("(r|)")).toEqual(["m@0", "m@1", "m0@2", "m0@3", "m01@4", "m01@5"]);
    expect(played("-------(r|)")).toEqual(played("(r|)"));
  });

  it("a failed retrain fails the loop, after the ticks already played (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      const loop = cycle(() => cold("-#", undefined, new Error("diverged")));
      expectObservable(cold("abcd|", ticks).pipe(closedLoop("m", loop))).toBe("ab-#", { a: at(0, 0, 0, "m"), b: at(1, 0, 0, "m") }, new Error("diverged"));
    });
  });
});
