import { readFileSync } from "node:fs";
import path from "node:path";
import { createRandom, InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { buildDemandMatrix } from "./demand-matrix.js";
import { wasserstein1 } from "@equitable/core";

/** Min-max scale to [0, 10], as the paper scales every signal. */
function scale10(v: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  return Float64Array.from(v, (x) => ((x - lo) / (hi - lo)) * 10);
}

/** A synthetic workload trace: daily and weekly cycles, a slow drift and noise, on [0, 10]. */
function syntheticTrace(n: number): Float64Array {
  const rng = createRandom("trace");
  return scale10(
    Float64Array.from({ length: n }, (_, t) =>
      3 * Math.sin((2 * Math.PI * t) / 24) + 1.5 * Math.sin((2 * Math.PI * t) / 168) + t / 5000 + 0.5 * rng.normal(),
    ),
  );
}

function column(d: Float64Array, hours: number, m: number, j: number): Float64Array {
  return Float64Array.from({ length: hours }, (_, t) => d[t * m + j]);
}

function w1Span(d: Float64Array, hours: number, m: number): [number, number] {
  const cols = Array.from({ length: m }, (_, j) => column(d, hours, m, j));
  let lo = Infinity;
  let hi = 0;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const w = wasserstein1(cols[a], cols[b]);
      lo = Math.min(lo, w);
      hi = Math.max(hi, w);
    }
  }
  return [lo, hi];
}

function changedColumns(a: Float64Array, b: Float64Array, hours: number, m: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < m; j++) {
    for (let t = 0; t < hours; t++) {
      if (a[t * m + j] !== b[t * m + j]) {
        out.push(j);
        break;
      }
    }
  }
  return out;
}

describe("buildDemandMatrix (Eq. 12 demands w_{t,j})", () => {
  const trace = syntheticTrace(5000);
  const hours = 1000;
  const m = 50;

  it("similar: agent j sees the trace circularly shifted by j·⌊len/M⌋", () => {
    const d = buildDemandMatrix(trace, hours, { agents: m, mode: "similar", rng: createRandom(1) });
    expect(d.length).toBe(hours * m);
    const chunk = Math.floor(trace.length / m);
    for (const j of [0, 1, 17, 49]) {
      for (const t of [0, 5, 999]) expect(d[t * m + j]).toBe(trace[(t + j * chunk) % trace.length]);
    }
    // Wraps around the end of the trace.
    const small = buildDemandMatrix([1, 2, 3, 4, 5], 7, { agents: 2, mode: "similar", rng: createRandom(1) });
    expect(Array.from(small)).toEqual([1, 3, 2, 4, 3, 5, 4, 1, 5, 2, 1, 3, 2, 4]);
  });

  it("is deterministic in the seed", () => {
    const opts = { agents: m, mode: "different" as const };
    const a = buildDemandMatrix(trace, hours, { ...opts, rng: createRandom("s") });
    const b = buildDemandMatrix(trace, hours, { ...opts, rng: createRandom("s") });
    const c = buildDemandMatrix(trace, hours, { ...opts, rng: createRandom("t") });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("different: perturbs exactly `perturbed` agents (default 20), floored at 0.01", () => {
    const similar = buildDemandMatrix(trace, hours, { agents: m, mode: "similar", rng: createRandom(2) });
    const d20 = buildDemandMatrix(trace, hours, { agents: m, mode: "different", rng: createRandom(2) });
    expect(changedColumns(similar, d20, hours, m).length).toBe(20);
    const d7 = buildDemandMatrix(trace, hours, { agents: m, mode: "different", perturbed: 7, rng: createRandom(2) });
    expect(changedColumns(similar, d7, hours, m).length).toBe(7);
    const d0 = buildDemandMatrix(trace, hours, { agents: m, mode: "different", perturbed: 0, rng: createRandom(2) });
    expect(Array.from(d0)).toEqual(Array.from(similar));
    // A zero offset with large noise must hit the floor somewhere, and never go below it.
    const noisy = buildDemandMatrix(trace, hours, {
      agents: m, mode: "different", perturbed: m, shiftMax: 0, noiseStd: 5, rng: createRandom(3),
    });
    expect(Math.min(...noisy)).toBe(0.01);
  });

  it("similar agents' W1 spread is small next to different agents' (≈ 0.04–58 on [0, 10] demand)", () => {
    const [sLo, sHi] = w1Span(buildDemandMatrix(trace, hours, { agents: m, mode: "similar", rng: createRandom(4) }), hours, m);
    const [dLo, dHi] = w1Span(buildDemandMatrix(trace, hours, { agents: m, mode: "different", rng: createRandom(4) }), hours, m);
    expect(sHi).toBeLessThan(2);
    expect(dLo).toBeLessThan(0.5);
    expect(dHi).toBeGreaterThan(40);
    expect(dHi).toBeLessThan(65);
    expect(dHi / sHi).toBeGreaterThan(20);
    expect(sLo).toBeGreaterThanOrEqual(0);
  });

  const azure = path.join(sharedDataDir, "datacenter", "azure-functions-demand-2019.csv");
  itSharedData("on the real Azure trace, W1 spans ≈ 0.04–58 for different agents", () => {
    const rows = readFileSync(azure, "utf8").trim().split("\n").slice(1);
    const real = scale10(rows.map((r) => Number(r.split(",")[1])));
    const h = 8760;
    const [sLo, sHi] = w1Span(buildDemandMatrix(real, h, { agents: m, mode: "similar", rng: createRandom(5) }), h, m);
    const [dLo, dHi] = w1Span(buildDemandMatrix(real, h, { agents: m, mode: "different", rng: createRandom(5) }), h, m);
    expect(sHi).toBeLessThan(1);
    expect(sLo).toBeLessThan(0.1);
    expect(dLo).toBeLessThan(0.1);
    expect(dHi).toBeGreaterThan(45);
    expect(dHi).toBeLessThan(65);
  });

  it("rejects bad options with InputError", () => {
    const rng = createRandom(6);
    expect(() => buildDemandMatrix([], 3, { agents: 1, mode: "similar", rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 0, { agents: 1, mode: "similar", rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 3, { agents: 3, mode: "similar", rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 3, { agents: 2, mode: "different", perturbed: 3, rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 3, { agents: 2, mode: "different", shiftMax: -1, rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 3, { agents: 2, mode: "different", noiseStd: Number.NaN, rng })).toThrow(InputError);
    expect(() => buildDemandMatrix([1, 2], 3, { agents: 2, mode: "odd" as "similar", rng })).toThrow(InputError);
    // The default perturbed count is capped at M.
    expect(buildDemandMatrix([1, 2, 3], 3, { agents: 3, mode: "different", rng }).length).toBe(9);
  });
});
