import { InputError } from "@equitable/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datacenterCost } from "./datacenter-cost.js";
import { decideCapacity } from "./decide-capacity.js";

/** Golden-section minimisation of a unimodal f on [lo, hi]. */
function goldenMin(f: (p: number) => number, lo: number, hi: number, iters = 300): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters && b - a > 1e-15 * Math.max(1, Math.abs(b)); i++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? x1 : x2;
}

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe("decideCapacity (Eq. 12 closed form)", () => {
  it("hand-computed cases", () => {
    // c = 1, w = 2, λ = 2: p* = 2 + sqrt(2·2/1) = 4, cost = 4·1 + 2·2/(4−2) = 6.
    expect(decideCapacity(1, 2, 2)).toBeCloseTo(4, 14);
    expect(datacenterCost(4, 2, 2, 1)).toBeCloseTo(6, 14);
    // c = 4, w = 1, λ = 4: p* = 1 + sqrt(4·1/4) = 2, cost = 2·4 + 4·1/(2−1) = 12.
    expect(decideCapacity(4, 1, 4)).toBeCloseTo(2, 14);
    expect(datacenterCost(2, 1, 4, 4)).toBeCloseTo(12, 14);
  });

  it("its cost is never above a brute-force minimum (golden section and a dense grid)", () => {
    fc.assert(
      fc.property(positive(0.01, 100), positive(0.01, 100), positive(0.01, 1000), (c, w, lambda) => {
        const cost = (p: number) => datacenterCost(p, w, lambda, c);
        const pStar = decideCapacity(c, w, lambda);
        const best = cost(pStar);
        const scale = Math.sqrt((lambda * w) / c); // p* − w
        const hi = w + 1000 * (1 + scale);
        const pGolden = goldenMin(cost, w + 1e-12 * (1 + w), hi);
        expect(best).toBeLessThanOrEqual(cost(pGolden) * (1 + 1e-12));
        // Golden section lands on the same minimum value.
        expect(Math.abs(cost(pGolden) - best)).toBeLessThanOrEqual(1e-9 * best);
        // Dense grid on (w, w + 20·scale] plus a log grid out to w + 1000·(1 + scale).
        let gridMin = Number.POSITIVE_INFINITY;
        for (let k = 1; k <= 2000; k++) gridMin = Math.min(gridMin, cost(w + (k / 100) * scale));
        for (let k = 0; k <= 200; k++) gridMin = Math.min(gridMin, cost(w + (1 + scale) * 10 ** (-6 + (9 * k) / 200)));
        expect(best).toBeLessThanOrEqual(gridMin * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });

  it("floors ĉ and w at 0.01 (values ≤ 0 act as 0.01)", () => {
    expect(decideCapacity(0, 3, 2)).toBe(decideCapacity(0.01, 3, 2));
    expect(decideCapacity(-7, 3, 2)).toBe(decideCapacity(0.01, 3, 2));
    expect(decideCapacity(5, 0, 2)).toBe(0.01 + Math.sqrt((2 * 0.01) / 5));
    expect(decideCapacity(5, -1, 2)).toBe(decideCapacity(5, 0.01, 2));
    expect(decideCapacity(0.005, 3, 2)).toBe(decideCapacity(0.01, 3, 2));
    expect(Number.isFinite(decideCapacity(0, 0, 1))).toBe(true);
  });

  it("rejects λ ≤ 0 or non-finite with InputError on field lambda", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      try {
        decideCapacity(1, 1, bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).where).toBe("lambda");
      }
    }
  });
});
