import { describe, expect, it } from "vitest";
import { solveKCheapestLp, solveSingleSumLp } from "./lp-backends.js";

describe("LP backends", () => {
  it("return typed decisions of the problem's length", () => {
    const x = solveKCheapestLp({ kind: "k-cheapest", costs: [3, 1, 2, 1, 5], k: 3 });
    expect(x).toBeInstanceOf(Uint8Array);
    expect(Array.from(x)).toEqual([0, 1, 1, 1, 0]);
    const y = solveSingleSumLp({ kind: "single-sum", costs: [3, 1, 2], upper: [1, 0.5, 2], total: 2 });
    expect(y).toBeInstanceOf(Float64Array);
    expect(Array.from(y)).toEqual([0, 0.5, 1.5]);
    expect(solveKCheapestLp({ kind: "k-cheapest", costs: [], k: 0 })).toEqual(new Uint8Array(0));
  });
});
