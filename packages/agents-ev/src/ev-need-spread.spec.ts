import { createRandom, InputError, wasserstein1 } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { evNeedSpread } from "./ev-need-spread.js";

describe("evNeedSpread", () => {
  it("is the min and max pairwise W1 of the agents' needs (ξ feature 0), ignoring rates", () => {
    const rng = createRandom("spread");
    const ticks = 50;
    const m = 4;
    const xi = new Float32Array(ticks * m * 2);
    for (let t = 0; t < ticks; t++) {
      for (let j = 0; j < m; j++) {
        xi[2 * (t * m + j)] = 3 * j + rng.next() * 10;
        xi[2 * (t * m + j) + 1] = 1000 * rng.next();
      }
    }
    const cols = Array.from({ length: m }, (_, j) => Float64Array.from({ length: ticks }, (_, t) => xi[2 * (t * m + j)]));
    const all: number[] = [];
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) all.push(wasserstein1(cols[a], cols[b]));
    const { min, max } = evNeedSpread(xi, ticks, m);
    expect(min).toBe(Math.min(...all));
    expect(max).toBe(Math.max(...all));
    expect(max).toBeGreaterThan(6);
  });

  it("is 0–0 for identical agents and rejects fewer than two agents or a bad shape", () => {
    expect(evNeedSpread([5, 1, 5, 2, 7, 1, 7, 3], 2, 2)).toEqual({ min: 0, max: 0 });
    expect(() => evNeedSpread([5, 1], 1, 1)).toThrow(InputError);
    expect(() => evNeedSpread([5, 1, 5], 1, 2)).toThrow(RangeError);
  });
});
