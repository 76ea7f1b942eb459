import { describe, expect, it } from "vitest";
import type { AgentPopulation } from "./agent.js";
import { MixedPopulation, populationParts } from "./mixed-population.js";

/** Regret = Σ of the agent's ξ features × |forecast − truth| of the row's first slot, so misplaced ξ shows. */
function toy(kind: string, count: number, xiWidth: number, differentiable: boolean): AgentPopulation & { seen: Float32Array[] } {
  const seen: Float32Array[] = [];
  return {
    kind,
    xiWidth,
    differentiable,
    seen,
    ids: Array.from({ length: count }, (_, j) => `${kind}-${j}`),
    regrets(forecast, truth, xi, batch) {
      seen.push(Float32Array.from(xi as ArrayLike<number>));
      const h = forecast.length / batch;
      const out = new Float64Array(batch * count);
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < count; j++) {
          let s = 0;
          for (let f = 0; f < xiWidth; f++) s += xi[(r * count + j) * xiWidth + f];
          out[r * count + j] = s * Math.abs(forecast[r * h] - truth[r * h]);
        }
      }
      return out;
    },
  };
}

describe("MixedPopulation", () => {
  it("hands each kind its own ξ columns and scatters its regrets into the shared matrix", () => {
    const a = toy("a", 2, 1, true);
    const b = toy("b", 1, 2, false);
    const mixed = new MixedPopulation([a, b]);
    expect(mixed.ids).toEqual(["a-0", "a-1", "b-0"]);
    expect(mixed.xiWidth).toBe(2);
    expect(mixed.differentiable).toBe(false);
    // Two rows, three agents, width 2; kind a (width 1) must read only the first value of each of its agents.
    const xi = Float32Array.of(1, 99, 2, 99, 3, 4, 5, 99, 6, 99, 7, 8);
    const regrets = mixed.regrets([1, 0], [3, 1], xi, 2);
    expect(Array.from(a.seen[0])).toEqual([1, 2, 5, 6]);
    expect(Array.from(b.seen[0])).toEqual([3, 4, 7, 8]);
    expect(Array.from(regrets)).toEqual([2, 4, 14, 5, 6, 15]);
  });

  it("is differentiable only when every kind is, and refuses clashing ids or a wrong ξ length", () => {
    expect(new MixedPopulation([toy("a", 1, 1, true), toy("b", 1, 1, true)]).differentiable).toBe(true);
    expect(() => new MixedPopulation([toy("a", 1, 1, true), toy("a", 1, 1, true)])).toThrow(/unique/);
    expect(() => new MixedPopulation([])).toThrow(RangeError);
    expect(() => new MixedPopulation([toy("a", 2, 1, true)]).regrets([0], [0], [1], 1)).toThrow(/expected 1×2×1/);
  });

  it("lists a plain population as a single part", () => {
    const a = toy("a", 3, 1, true);
    expect(populationParts(a)).toEqual([{ population: a, first: 0, count: 3 }]);
    const mixed = new MixedPopulation([a, toy("b", 2, 2, false)]);
    expect(populationParts(mixed).map((p) => [p.first, p.count])).toEqual([[0, 3], [3, 2]]);
  });
});
