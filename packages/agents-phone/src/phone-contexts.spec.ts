import { createRandom, InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { buildPhoneContexts } from "./phone-contexts.js";
import { PhonePopulation } from "./phone-population.js";

describe("buildPhoneContexts (A.4, seeded k)", () => {
  it("draws k per phone per tick in [kMin, kMax] and one μ per phone in [muMin, muMax]", () => {
    const m = 8;
    const ticks = 500;
    const xi = buildPhoneContexts({ agents: m, ticks, rng: createRandom(1) });
    expect(xi.length).toBe(ticks * m * 2);
    const seen = new Set<number>();
    for (let j = 0; j < m; j++) {
      const mu = xi[2 * j + 1];
      expect(mu).toBeGreaterThanOrEqual(Math.fround(0.01));
      expect(mu).toBeLessThanOrEqual(Math.fround(0.02));
      for (let t = 0; t < ticks; t++) {
        const i = t * m + j;
        expect(xi[2 * i + 1]).toBe(mu);
        expect(Number.isInteger(xi[2 * i])).toBe(true);
        seen.add(xi[2 * i]);
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const narrow = buildPhoneContexts({ agents: 3, ticks: 50, kMin: 4, kMax: 5, muMin: 2, muMax: 2, rng: createRandom(2) });
    for (let i = 0; i < 150; i++) {
      expect([4, 5]).toContain(narrow[2 * i]);
      expect(narrow[2 * i + 1]).toBe(2);
    }
    // Every context it builds is valid for a population of the same window.
    expect(new PhonePopulation({ agents: m }).regrets(new Float64Array(ticks * 12), new Float64Array(ticks * 12), xi, ticks).length).toBe(ticks * m);
  });

  it("is deterministic in the seed", () => {
    const a = buildPhoneContexts({ agents: 5, ticks: 40, rng: createRandom("p") });
    const b = buildPhoneContexts({ agents: 5, ticks: 40, rng: createRandom("p") });
    const c = buildPhoneContexts({ agents: 5, ticks: 40, rng: createRandom("q") });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("rejects bad options with InputError naming the field", () => {
    const where = (o: object): string => {
      try {
        buildPhoneContexts({ agents: 2, ticks: 3, rng: createRandom(3), ...o });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).where;
      }
      return "no error";
    };
    expect(where({})).toBe("no error");
    expect(where({ slots: 6 })).toBe("no error"); // kMax defaults to min(11, T)
    expect(where({ agents: 0 })).toBe("agents");
    expect(where({ ticks: 1.5 })).toBe("ticks");
    expect(where({ slots: 0 })).toBe("slots");
    expect(where({ kMin: 0 })).toBe("kMin");
    expect(where({ kMin: 5, kMax: 4 })).toBe("kMax");
    expect(where({ kMax: 13 })).toBe("kMax");
    expect(where({ muMin: 0 })).toBe("muMin");
    expect(where({ muMin: 0.5, muMax: 0.1 })).toBe("muMax");
  });
});
