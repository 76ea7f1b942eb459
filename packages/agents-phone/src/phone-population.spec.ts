import { createRandom, InputError } from "@equitable/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PhonePopulation } from "./phone-population.js";

/** Truth cost of the forecast's best schedule minus the truth's best, over all C(T, k) schedules (values continuous: no ties). */
function bruteRegret(f: ArrayLike<number>, y: ArrayLike<number>, k: number, mu: number): number {
  const slots = f.length;
  let bestF = Infinity;
  let truthOfBestF = 0;
  let bestY = Infinity;
  for (let mask = 0; mask < 1 << slots; mask++) {
    let ones = 0;
    let cf = 0;
    let cy = 0;
    for (let t = 0; t < slots; t++) {
      if (mask & (1 << t)) {
        ones++;
        cf += f[t];
        cy += y[t];
      }
    }
    if (ones !== k) continue;
    if (cf < bestF) {
      bestF = cf;
      truthOfBestF = cy;
    }
    bestY = Math.min(bestY, cy);
  }
  return mu * (truthOfBestF - bestY);
}

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("PhonePopulation (Appendix A.4)", () => {
  it("is an AgentPopulation of kind phone, ξ width 2, not differentiable", () => {
    const pop = new PhonePopulation({ agents: 2 });
    expect([pop.kind, pop.xiWidth, pop.differentiable, pop.slots]).toEqual(["phone", 2, false, 12]);
    expect(pop.ids).toEqual(["phone-0", "phone-1"]);
    expect(new PhonePopulation({ agents: 1, ids: ["ann"] }).ids).toEqual(["ann"]);
    expect(() => new PhonePopulation({ agents: 0 })).toThrow(RangeError);
    expect(() => new PhonePopulation({ agents: 2, ids: ["a"] })).toThrow(RangeError);
    expect(() => new PhonePopulation({ agents: 2, slots: 300 })).toThrow(RangeError);
  });

  it("equals μ × (truth cost of the forecast's best k slots − truth optimum), by brute force on small windows", () => {
    const cell = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((slots) =>
          fc.record({
            slots: fc.constant(slots),
            f: fc.array(cell, { minLength: 3 * slots, maxLength: 3 * slots }),
            y: fc.array(cell, { minLength: 3 * slots, maxLength: 3 * slots }),
            ks: fc.array(fc.integer({ min: 1, max: slots }), { minLength: 6, maxLength: 6 }),
            mus: fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
          }),
        ),
        ({ slots, f, y, ks, mus }) => {
          const pop = new PhonePopulation({ agents: 2, slots });
          const xi = ks.flatMap((k, i) => [k, mus[i]]);
          const got = pop.regrets(f, y, xi, 3);
          for (let r = 0; r < 3; r++) {
            for (let j = 0; j < 2; j++) {
              const i = r * 2 + j;
              const want = bruteRegret(f.slice(r * slots, (r + 1) * slots), y.slice(r * slots, (r + 1) * slots), ks[i], mus[i]);
              expect(got[i]).toBeCloseTo(want, 9);
            }
          }
        },
      ),
      { seed: 404, numRuns: 300 },
    );
  });

  it("has zero regret when the forecast is the truth, and positive regret on a wrong ranking", () => {
    const rng = createRandom("phone-zero");
    const pop = new PhonePopulation({ agents: 3 });
    const y = Float64Array.from({ length: 4 * 12 }, () => rng.next() * 10);
    const xi = Float64Array.from({ length: 4 * 3 * 2 }, (_, i) => (i % 2 === 0 ? 1 + rng.int(11) : 0.015));
    expect(Array.from(pop.regrets(y, y, xi, 4)).every((v) => v === 0)).toBe(true);
    const reversed = Float64Array.from(y, (v) => -v);
    expect(Array.from(pop.regrets(reversed, y, xi, 4)).every((v) => v > 0)).toBe(true);
  });

  it("names agent and sample for a bad k or μ, the sample for a NaN, and checks the horizon", () => {
    const pop = new PhonePopulation({ agents: 4 });
    const rows = 18;
    const y = new Float64Array(rows * 12).fill(1);
    const xi = Float64Array.from({ length: rows * 4 * 2 }, (_, i) => (i % 2 === 0 ? 3 : 0.01));
    const at = 2 * (17 * 4 + 2);
    for (const bad of [0, 13, 2.5, Number.NaN]) {
      const x = Float64Array.from(xi);
      x[at] = bad;
      const e = thrown(() => pop.regrets(y, y, x, rows));
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toBe(`agent phone-2, sample 17: k = ${bad} slots; it must be an integer in [1, 12]`);
    }
    const x = Float64Array.from(xi);
    x[at + 1] = 0;
    expect(() => pop.regrets(y, y, x, rows)).toThrow("agent phone-2, sample 17: energy per slot μ = 0 kWh");
    const f = Float64Array.from(y);
    f[17 * 12 + 4] = Number.NaN;
    expect(() => pop.regrets(f, y, xi, rows)).toThrow("sample 17: forecast is NaN at slot 4");
    expect(() => pop.regrets(new Float64Array(rows), new Float64Array(rows), xi, rows)).toThrow(/horizon must equal T/);
    expect(() => pop.regrets(y, y, new Float64Array(3), rows)).toThrow(RangeError);
    expect(pop.regrets([], [], [], 0).length).toBe(0);
  });
});
