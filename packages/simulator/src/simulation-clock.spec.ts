import { describe, expect, it } from "vitest";
import { lastValueFrom, toArray } from "rxjs";
import { simulationClock } from "./simulation-clock.js";
import { marbles } from "./spec-fixtures.js";

const hours = [100, 101, 102, 103];
const tick = (index: number) => ({ index, hour: hours[index] });

describe("simulationClock", () => {
  it("ticks once per period in virtual time, the first at once, and completes after the last hour (marbles)", () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(simulationClock(hours, { period: 3 })).toBe("a--b--c--(d|)", { a: tick(0), b: tick(1), c: tick(2), d: tick(3) });
    });
  });

  it("without a period, replays every hour in order at once", async () => {
    expect(await lastValueFrom(simulationClock(hours).pipe(toArray()))).toEqual(hours.map((_, i) => tick(i)));
    marbles().run(({ expectObservable }) => {
      expectObservable(simulationClock([])).toBe("|");
    });
  });

  it("refuses a negative period", () => {
    expect(() => simulationClock(hours, { period: -1 })).toThrow(/period must be a finite number ≥ 0, got -1/);
  });
});
