import { InputError } from "@equitable/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineSignals } from "./combine-signals.js";

describe("combineSignals (E_t = E^C + γE^W + ηE^P, Eq. 13)", () => {
  it("adds the weighted parts", () => {
    const e = combineSignals([
      { name: "carbon", values: [1, 2, 3], weight: 1 },
      { name: "water", values: Float64Array.of(10, 0, 5), weight: 0.5 },
      { name: "price", values: Float32Array.of(2, 2, 2), weight: 2 },
    ]);
    expect(Array.from(e)).toEqual([10, 6, 9.5]);
  });

  it("is linear in each weight (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (values, gamma) => {
          const base = combineSignals([{ name: "carbon", values, weight: 1 }]);
          const both = combineSignals([
            { name: "carbon", values, weight: 1 },
            { name: "water", values, weight: gamma },
          ]);
          for (let i = 0; i < values.length; i++) expect(both[i]).toBeCloseTo(base[i] * (1 + gamma), 9);
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });

  it("names the part and index of a NaN, and the part of a length mismatch", () => {
    const water = new Float64Array(20).fill(1);
    water[17] = Number.NaN;
    const call = () =>
      combineSignals([
        { name: "carbon", values: new Float64Array(20), weight: 1 },
        { name: "water", values: water, weight: 1 },
      ]);
    expect(call).toThrow(InputError);
    expect(call).toThrow("signal 'water' index 17: NaN");
    expect(() =>
      combineSignals([
        { name: "carbon", values: [1, 2], weight: 1 },
        { name: "price", values: [1, 2, 3], weight: 1 },
      ]),
    ).toThrow("signal 'price': has 3 values, signal 'carbon' has 2");
    expect(() => combineSignals([{ name: "price", values: [1], weight: Number.NaN }])).toThrow("signal 'price': weight is NaN");
    expect(() => combineSignals([])).toThrow(/^signals: /);
    expect(() => combineSignals([{ name: "carbon", values: [], weight: 1 }])).toThrow("signal 'carbon': is empty");
  });
});
