import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { FAST_BACKEND } from "./kind-backends.js";
import { InfeasibleProblemError } from "./problem-errors.js";
import { prefixSumsByRank, rankSlotsBatch, selectCheapestBatch } from "./select-cheapest-batch.js";
import { solve } from "./solve.js";
import { costsArb, inputError, objectiveOf } from "./spec-fixtures.js";

registerDefaultBackends();

/** A random R×T matrix of values (rows drawn like the k-cheapest costs: ties, distinct, any), R×M k's. */
const batchArb = (maxSlots: number) =>
  fc.record({ rows: fc.integer({ min: 0, max: 6 }), slots: fc.integer({ min: 1, max: maxSlots }), agents: fc.integer({ min: 0, max: 5 }) }).chain(({ rows, slots, agents }) =>
    fc.record({
      rows: fc.constant(rows),
      slots: fc.constant(slots),
      agents: fc.constant(agents),
      values: fc.array(costsArb(slots, slots), { minLength: rows, maxLength: rows }).map((rs) => Float64Array.from(rs.flat())),
      source: fc.array(costsArb(slots, slots), { minLength: rows, maxLength: rows }).map((rs) => Float64Array.from(rs.flat())),
      ks: fc.array(fc.integer({ min: 0, max: slots }), { minLength: rows * agents, maxLength: rows * agents }),
    }),
  );

const row = (m: Float64Array, r: number, slots: number) => m.subarray(r * slots, (r + 1) * slots);
const toMask = (x: Uint8Array) => x.reduce((mask, v, t) => (v === 1 ? (mask | (1 << t)) >>> 0 : mask), 0);

describe("selectCheapestBatch", () => {
  it("hand-computed masks", () => {
    // Row [3, 1, 2, 1, 5] ranks as slots 1, 3, 2, 0, 4: k = 1 → bit 1, k = 2 → bits 1, 3, ...
    expect(Array.from(selectCheapestBatch([3, 1, 2, 1, 5], 1, 5, [0, 1, 2, 5], 4))).toEqual([0, 0b10, 0b1010, 0b11111]);
    // All 32 slots: bit 31 must come back unsigned.
    const values = Array.from({ length: 32 }, (_, t) => 32 - t);
    expect(Array.from(selectCheapestBatch(values, 1, 32, [1, 32], 2))).toEqual([2 ** 31, 2 ** 32 - 1]);
  });

  it("agrees with per-problem solve(…, { backend: 'fast' }) on random batches", () => {
    fc.assert(
      fc.property(batchArb(32), ({ rows, slots, agents, values, ks }) => {
        const out = new Uint32Array(rows * agents).fill(0xdeadbeef);
        expect(selectCheapestBatch(values, rows, slots, ks, agents, out)).toBe(out);
        for (let r = 0; r < rows; r++) {
          for (let a = 0; a < agents; a++) {
            const x = solve({ kind: "k-cheapest", costs: row(values, r, slots), k: ks[r * agents + a] }, { backend: FAST_BACKEND });
            expect(out[r * agents + a]).toBe(toMask(x));
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("k outside [0, T] or not an integer → an error naming row and agent column", () => {
    const values = new Float64Array(6 * 12);
    const ks = new Float64Array(6 * 3).fill(2);
    ks[5 * 3 + 2] = 14;
    const err = inputError(() => selectCheapestBatch(values, 6, 12, ks, 3));
    expect(err).toBeInstanceOf(InfeasibleProblemError);
    expect(err.message).toBe("row 5, agent 2: infeasible k-cheapest problem (k = 14 > 12 slots)");
    ks[5 * 3 + 2] = -1;
    expect(inputError(() => selectCheapestBatch(values, 6, 12, ks, 3)).message).toMatch(/^row 5, agent 2: infeasible k-cheapest problem \(k = -1 < 0\)/);
    for (const k of [2.5, Number.NaN]) {
      ks[1 * 3 + 0] = k;
      const e = inputError(() => selectCheapestBatch(values, 6, 12, ks, 3));
      expect(e).not.toBeInstanceOf(InfeasibleProblemError);
      expect(e.where).toBe("row 1, agent 0");
    }
  });

  it("bad shapes and non-finite values → InputError naming the field or the row and slot", () => {
    expect(inputError(() => selectCheapestBatch(new Float64Array(33), 1, 33, [0], 1)).where).toBe("slots");
    expect(inputError(() => selectCheapestBatch(new Float64Array(11), 1, 12, [0], 1)).where).toBe("values");
    expect(inputError(() => selectCheapestBatch(new Float64Array(12), 1, 12, [0, 1], 1)).where).toBe("ks");
    expect(inputError(() => selectCheapestBatch(new Float64Array(12), 1, 12, [0], 1, new Uint32Array(2))).where).toBe("out");
    expect(inputError(() => selectCheapestBatch(new Float64Array(12), 1.5, 12, [0], 1)).where).toBe("rows");
    const values = new Float64Array(24);
    values[12 + 7] = Number.NaN;
    expect(inputError(() => selectCheapestBatch(values, 2, 12, [1, 1], 1)).where).toBe("row 1, slot 7");
  });
});

describe("rankSlotsBatch + prefixSumsByRank", () => {
  it("out[r, k] is the cost under `source` of the k cheapest slots under `values`, as the fast solve picks them", () => {
    fc.assert(
      fc.property(batchArb(40), ({ rows, slots, values, source }) => {
        const order = rankSlotsBatch(values, rows, slots);
        const prefix = prefixSumsByRank(source, order, rows, slots);
        expect(prefix.length).toBe(rows * (slots + 1));
        for (let r = 0; r < rows; r++) {
          const truth = { kind: "k-cheapest" as const, costs: row(source, r, slots), k: 0 };
          let scale = 0;
          for (const c of truth.costs) scale += Math.abs(c);
          for (let k = 0; k <= slots; k++) {
            const x = solve({ kind: "k-cheapest", costs: row(values, r, slots), k }, { backend: FAST_BACKEND });
            // Sums in rank order vs slot order: equal up to rounding.
            expect(Math.abs(prefix[r * (slots + 1) + k] - objectiveOf(truth, x))).toBeLessThanOrEqual(1e-12 * scale);
          }
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rankSlotsBatch writes each row's stable order into `out`", () => {
    const out = new Uint8Array(8);
    expect(rankSlotsBatch([2, 1, 1, 0, 5, 5, 4, 6], 2, 4, out)).toBe(out);
    expect(Array.from(out)).toEqual([3, 1, 2, 0, 2, 0, 1, 3]);
    expect(Array.from(prefixSumsByRank([10, 20, 30, 40, 1, 2, 3, 4], out, 2, 4))).toEqual([0, 40, 60, 90, 100, 0, 3, 4, 6, 10]);
  });

  it("bad input → InputError", () => {
    expect(inputError(() => rankSlotsBatch(new Float64Array(257), 1, 257)).where).toBe("slots");
    expect(inputError(() => rankSlotsBatch([1, Number.POSITIVE_INFINITY], 1, 2)).where).toBe("row 0, slot 1");
    expect(inputError(() => prefixSumsByRank([1, 2], Uint8Array.of(0, 2), 1, 2)).where).toBe("row 0, order[1]");
    expect(inputError(() => prefixSumsByRank([1, 2], Uint8Array.of(0, 1), 1, 2, new Float64Array(2))).where).toBe("out");
  });
});
