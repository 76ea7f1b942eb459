import { createRandom, InputError, type Random } from "@equitable/core";
import { InfeasibleProblemError, registerDefaultBackends, unregisterSolver } from "@equitable/solvers";
import { describe, expect, it } from "vitest";
import { createEvAgent } from "./ev-agent.js";
import { EvPopulation } from "./ev-population.js";

function uniform(rng: Random, n: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.next());
}

/** rows×M×2 ξ with k = 0..T and rates in [1, 7] kWh/h, stored as float32 like a ContextSeries. */
function randomXi(rng: Random, rows: number, m: number, slots: number): Float32Array {
  const xi = new Float32Array(rows * m * 2);
  for (let i = 0; i < rows * m; i++) {
    const rate = 1 + 6 * rng.next();
    xi[2 * i] = rate * rng.int(slots + 1);
    xi[2 * i + 1] = rate;
  }
  return xi;
}

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("EvPopulation (Eq. 13)", () => {
  it("is an AgentPopulation of kind ev, ξ width 2, not differentiable", () => {
    const pop = new EvPopulation({ agents: 3 });
    expect(pop.kind).toBe("ev");
    expect(pop.xiWidth).toBe(2);
    expect(pop.differentiable).toBe(false);
    expect(pop.slots).toBe(12);
    expect(pop.backend).toBe("fast");
    expect(pop.ids).toEqual(["ev-0", "ev-1", "ev-2"]);
    expect(new EvPopulation({ agents: 1, ids: ["car"] }).ids).toEqual(["car"]);
    expect(() => new EvPopulation({ agents: 0 })).toThrow(RangeError);
    expect(() => new EvPopulation({ agents: 2, ids: ["a"] })).toThrow(RangeError);
    expect(() => new EvPopulation({ agents: 2, slots: 0 })).toThrow(RangeError);
    expect(() => new EvPopulation({ agents: 2, backend: "highs" as "fast" })).toThrow(RangeError);
  });

  it("matches the single-agent reference (createEvAgent) on every agent of a random batch", () => {
    const rng = createRandom("ev-pop-agent");
    const rows = 20;
    const m = 9;
    const pop = new EvPopulation({ agents: m });
    const f = uniform(rng, rows * 12, 0, 10);
    const y = uniform(rng, rows * 12, 0, 10);
    const xi = randomXi(rng, rows, m, 12);
    const got = pop.regrets(f, y, xi, rows);
    expect(got.length).toBe(rows * m);
    let positive = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < m; j++) {
        const agent = createEvAgent({ id: pop.ids[j] });
        const ctx = { need: xi[2 * (r * m + j)], rate: xi[2 * (r * m + j) + 1] };
        const want = agent.regret(f.subarray(r * 12, r * 12 + 12), ctx, y.subarray(r * 12, r * 12 + 12));
        expect(got[r * m + j]).toBeCloseTo(want, 9);
        if (want > 0) positive++;
      }
    }
    expect(positive).toBeGreaterThan(rows * m * 0.5);
  });

  it("agrees with the javascript-lp-solver backend on random batches (continuous values, no ties)", () => {
    const rng = createRandom("ev-pop-lp");
    for (const slots of [12, 5]) {
      const rows = 8;
      const m = 6;
      const fast = new EvPopulation({ agents: m, slots });
      const lp = new EvPopulation({ agents: m, slots, backend: "javascript-lp-solver" });
      const f = uniform(rng, rows * slots, -2, 10);
      const y = uniform(rng, rows * slots, 0, 10);
      const xi = randomXi(rng, rows, m, slots);
      const a = fast.regrets(f, y, xi, rows);
      const b = lp.regrets(f, y, xi, rows);
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 9);
      expect(a.some((v) => v > 0)).toBe(true);
    }
  });

  it("routes every decision of the LP backend through solvers' registry (none registered → its error)", () => {
    const lp = new EvPopulation({ agents: 1, backend: "javascript-lp-solver" });
    const y = Float64Array.from({ length: 12 }, (_, t) => t);
    try {
      expect(unregisterSolver("k-cheapest", "javascript-lp-solver")).toBe(true);
      expect(() => lp.regrets(y, y, [4, 1], 1)).toThrow(/no backend "javascript-lp-solver"/);
      expect(new EvPopulation({ agents: 1 }).regrets(y, y, [4, 1], 1)[0]).toBe(0);
    } finally {
      registerDefaultBackends();
    }
    expect(lp.regrets(y, y, [4, 1], 1)[0]).toBe(0);
  });

  it("has zero regret when the forecast is the truth", () => {
    const rng = createRandom("ev-zero");
    const pop = new EvPopulation({ agents: 5 });
    const y = uniform(rng, 7 * 12, 0, 10);
    expect(Array.from(pop.regrets(y, y, randomXi(rng, 7, 5, 12), 7)).every((v) => v === 0)).toBe(true);
  });

  it("names agent and sample for a negative need, an infeasible k and a bad rate; the sample for a NaN forecast", () => {
    const rows = 18;
    const m = 5;
    const y = new Float64Array(rows * 12).fill(1);
    const xi = new Float64Array(rows * m * 2);
    for (let i = 0; i < rows * m; i++) {
      xi[2 * i] = 6;
      xi[2 * i + 1] = 2;
    }
    for (const backend of ["fast", "javascript-lp-solver"] as const) {
      const pop = new EvPopulation({ agents: m, backend });
      expect(pop.regrets(y, y, xi, rows).length).toBe(rows * m);
      const at = 2 * (17 * m + 3);

      const negative = Float64Array.from(xi);
      negative[at] = -2.1;
      const e1 = thrown(() => pop.regrets(y, y, negative, rows));
      expect(e1).toBeInstanceOf(InputError);
      expect(e1.message).toBe("agent ev-3, sample 17: negative energy need -2.1 kWh");

      const tooMuch = Float64Array.from(xi);
      tooMuch[at] = 14 * 2; // k = 14 > 12 at 2 kWh/h
      const e2 = thrown(() => pop.regrets(y, y, tooMuch, rows));
      expect(e2).toBeInstanceOf(InfeasibleProblemError);
      expect(e2).toBeInstanceOf(InputError);
      expect((e2 as InfeasibleProblemError).agent).toBe("ev-3");
      expect((e2 as InfeasibleProblemError).instance).toBe(17);
      expect(e2.message).toMatch(/^agent ev-3, sample 17: infeasible k-cheapest problem \(need 28 kWh at 2 kWh\/h takes k = 14 slots > 12\)/);

      const stopped = Float64Array.from(xi);
      stopped[at + 1] = 0;
      expect(() => pop.regrets(y, y, stopped, rows)).toThrow("agent ev-3, sample 17: charging rate ζ = 0 kWh/h");
      const nan = Float64Array.from(xi);
      nan[at] = Number.NaN;
      expect(() => pop.regrets(y, y, nan, rows)).toThrow("agent ev-3, sample 17: energy need is NaN");

      const f = Float64Array.from(y);
      f[17 * 12 + 4] = Number.NaN;
      const e3 = thrown(() => pop.regrets(f, y, xi, rows));
      expect(e3).toBeInstanceOf(InputError);
      expect(e3.message).toBe("sample 17: forecast is NaN at slot 4");
      expect(() => pop.regrets(y, f, xi, rows)).toThrow("sample 17: truth is NaN at slot 4");
    }
  });

  it("checks shapes: the horizon must equal T", () => {
    const pop = new EvPopulation({ agents: 2 });
    expect(pop.regrets([], [], [], 0).length).toBe(0);
    expect(() => pop.regrets(new Float64Array(2), new Float64Array(2), new Float64Array(8), 2)).toThrow(RangeError);
    expect(() => pop.regrets(new Float64Array(24), new Float64Array(24), new Float64Array(8), 1)).toThrow(/horizon must equal T/);
    expect(() => pop.regrets(new Float64Array(12), new Float64Array(11), new Float64Array(4), 1)).toThrow(RangeError);
    expect(() => pop.regrets(new Float64Array(12), new Float64Array(12), new Float64Array(3), 1)).toThrow(RangeError);
    expect(() => pop.regrets(new Float64Array(12), new Float64Array(12), new Float64Array(4), 1.5)).toThrow(RangeError);
  });
});

describe("EvPopulation with a charging window inside a longer forecast", () => {
  it("decides on the window's steps only: the same regrets as a population given just those columns", () => {
    const rows = 9;
    const horizon = 12;
    const m = 3;
    const rng = createRandom(21);
    const forecast = Float64Array.from({ length: rows * horizon }, () => rng.next() * 10);
    const truth = Float64Array.from({ length: rows * horizon }, () => rng.next() * 10);
    const xi = new Float32Array(rows * m * 2);
    for (let i = 0; i < rows * m; i++) {
      const k = 1 + rng.int(5);
      xi[2 * i + 1] = 2;
      xi[2 * i] = 2 * k;
    }
    const windowed = new EvPopulation({ agents: m, slots: 5, horizon, firstSlot: 4 });
    const cut = (v: Float64Array) => Float64Array.from({ length: rows * 5 }, (_, i) => v[Math.floor(i / 5) * horizon + 4 + (i % 5)]);
    const direct = new EvPopulation({ agents: m, slots: 5 });
    expect(Array.from(windowed.regrets(forecast, truth, xi, rows))).toEqual(Array.from(direct.regrets(cut(forecast), cut(truth), xi, rows)));
    // Steps outside the window do not matter to these agents.
    const changed = Float64Array.from(forecast);
    for (let r = 0; r < rows; r++) changed[r * horizon] = -100;
    expect(Array.from(windowed.regrets(changed, truth, xi, rows))).toEqual(Array.from(windowed.regrets(forecast, truth, xi, rows)));
    expect(() => new EvPopulation({ agents: 1, slots: 5, horizon: 12, firstSlot: 8 })).toThrow(/inside the 12-step forecast/);
  });
});
