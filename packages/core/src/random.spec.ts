import { describe, expect, it } from "vitest";
import { createRandom, permutation } from "./random.js";

const draw = (seed: number | string, n = 20) => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

describe("createRandom", () => {
  it("gives the same numbers for the same seed and different ones for another", () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it("forks independent, reproducible streams by label", () => {
    const a = createRandom(1).fork("init");
    const b = createRandom(1).fork("init");
    const c = createRandom(1).fork("shuffle");
    const xs = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(xs);
    expect([c.next(), c.next()]).not.toEqual(xs);
  });

  it("draws standard normals (mean ≈ 0, variance ≈ 1 over many draws)", () => {
    const r = createRandom("normal");
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });

  it("int(n) stays in [0, n) and hits every value", () => {
    const r = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const v = r.int(7);
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });
});

describe("permutation", () => {
  it("is a seeded permutation of 0..n−1", () => {
    const p = permutation(50, createRandom(9));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(permutation(50, createRandom(9)))).toEqual(Array.from(p));
    expect(Array.from(permutation(50, createRandom(10)))).not.toEqual(Array.from(p));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
