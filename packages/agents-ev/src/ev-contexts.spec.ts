import path from "node:path";
import { createRandom, InputError } from "@equitable/core";
import { loadEvSessions, type EvSessions } from "@equitable/data";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { buildEvContexts, EV_NEED_FLOOR } from "./ev-contexts.js";
import { evNeedSpread } from "./ev-need-spread.js";

/** Sessions 0..n−1 with hours 3 + (i mod 10) and energy 2·(i + 1) kWh. */
function syntheticSessions(n: number): EvSessions {
  return {
    size: n,
    start: Float64Array.from({ length: n }, (_, i) => i * 3_600_000),
    hours: Float64Array.from({ length: n }, (_, i) => 3 + (i % 10)),
    energy: Float64Array.from({ length: n }, (_, i) => 2 * (i + 1)),
  };
}

const kAt = (xi: Float32Array, i: number): number => Math.round(xi[2 * i] / xi[2 * i + 1]);

function changedAgents(a: Float32Array, b: Float32Array, ticks: number, m: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < m; j++) {
    for (let t = 0; t < ticks; t++) {
      if (a[2 * (t * m + j)] !== b[2 * (t * m + j)]) {
        out.push(j);
        break;
      }
    }
  }
  return out;
}

describe("buildEvContexts (Eq. 13 ξ = [need, ζ])", () => {
  const sessions = syntheticSessions(100);

  it("similar: agent m at tick t takes session chunk_m[t mod chunk], k = round(hours), ζ = energy/k", () => {
    const m = 7;
    const ticks = 40;
    const xi = buildEvContexts(sessions, { agents: m, ticks, mode: "similar", rng: createRandom(1) });
    expect(xi.length).toBe(ticks * m * 2);
    const chunk = Math.floor(100 / m); // 14
    for (const j of [0, 3, 6]) {
      for (const t of [0, 13, 14, 39]) {
        const s = j * chunk + (t % chunk);
        const i = t * m + j;
        expect(xi[2 * i]).toBe(Math.fround(sessions.energy[s]));
        expect(xi[2 * i + 1]).toBe(Math.fround(sessions.energy[s] / sessions.hours[s]));
        expect(kAt(xi, i)).toBe(sessions.hours[s]);
      }
    }
  });

  it("caps k at the window and the need at what the window delivers at the session's rate", () => {
    const xi = buildEvContexts(sessions, { agents: 1, ticks: 10, mode: "similar", slots: 5, rng: createRandom(1) });
    for (let t = 0; t < 10; t++) {
      const h = 3 + t;
      const rate = (2 * (t + 1)) / h;
      expect(kAt(xi, t)).toBe(Math.min(h, 5));
      expect(xi[2 * t + 1]).toBe(Math.fround(rate));
      expect(xi[2 * t]).toBe(Math.fround(rate * Math.min(h, 5)));
    }
  });

  it("different: perturbs exactly `perturbed` agents, keeps every k, floors needs at 0.01 kWh", () => {
    const m = 25;
    const ticks = 30;
    const opts = { agents: m, ticks, rng: createRandom(2) };
    const similar = buildEvContexts(sessions, { ...opts, mode: "similar" });
    const d20 = buildEvContexts(sessions, { ...opts, mode: "different", rng: createRandom(2) });
    expect(changedAgents(similar, d20, ticks, m).length).toBe(20);
    const d5 = buildEvContexts(sessions, { ...opts, mode: "different", perturbed: 5, rng: createRandom(2) });
    expect(changedAgents(similar, d5, ticks, m).length).toBe(5);
    for (let i = 0; i < ticks * m; i++) {
      expect(kAt(d20, i)).toBe(kAt(similar, i));
      expect(d20[2 * i]).toBeGreaterThan(0);
    }
    const zero = buildEvContexts(sessions, { ...opts, mode: "different", perturbed: 0, rng: createRandom(2) });
    expect(Array.from(zero)).toEqual(Array.from(similar));
    const noisy = buildEvContexts(sessions, { ...opts, mode: "different", perturbed: m, shiftMax: 0, noiseStd: 50, rng: createRandom(3) });
    let floored = 0;
    for (let i = 0; i < ticks * m; i++) {
      expect(noisy[2 * i]).toBeGreaterThanOrEqual(Math.fround(EV_NEED_FLOOR));
      if (noisy[2 * i] === Math.fround(EV_NEED_FLOOR)) floored++;
      expect(kAt(noisy, i)).toBe(kAt(similar, i));
    }
    expect(floored).toBeGreaterThan(0);
  });

  it("is deterministic in the seed", () => {
    const opts = { agents: 30, ticks: 50, mode: "different" as const };
    const a = buildEvContexts(sessions, { ...opts, rng: createRandom("s") });
    const b = buildEvContexts(sessions, { ...opts, rng: createRandom("s") });
    const c = buildEvContexts(sessions, { ...opts, rng: createRandom("t") });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("rejects bad options with InputError naming the field", () => {
    const rng = createRandom(4);
    const where = (o: object): string => {
      try {
        buildEvContexts(sessions, { agents: 4, ticks: 5, mode: "similar", rng, ...o });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).where;
      }
      return "no error";
    };
    expect(where({})).toBe("no error");
    expect(where({ agents: 0 })).toBe("agents");
    expect(where({ agents: 101 })).toBe("agents");
    expect(where({ ticks: 0 })).toBe("ticks");
    expect(where({ mode: "odd" })).toBe("mode");
    expect(where({ slots: 0 })).toBe("slots");
    expect(where({ mode: "different", perturbed: 5 })).toBe("perturbed");
    expect(where({ mode: "different", shiftMax: -1 })).toBe("shiftMax");
    expect(where({ mode: "different", noiseStd: Number.NaN })).toBe("noiseStd");
  });

  const acn = path.join(sharedDataDir, "ev", "acn-caltech-sessions-2018-2021.csv");
  itSharedData("on the real ACN file (70 agents): k ∈ [3, 12], and different agents spread far wider than similar ones", () => {
    const { sessions: real } = loadEvSessions(acn);
    const m = 70;
    const ticks = 2000;
    const similar = buildEvContexts(real, { agents: m, ticks, mode: "similar", rng: createRandom(5) });
    const different = buildEvContexts(real, { agents: m, ticks, mode: "different", rng: createRandom(5) });
    expect(similar.length).toBe(ticks * m * 2);
    let kLo = Infinity;
    let kHi = -Infinity;
    for (let i = 0; i < ticks * m; i++) {
      const k = kAt(different, i);
      kLo = Math.min(kLo, k);
      kHi = Math.max(kHi, k);
    }
    expect([kLo, kHi]).toEqual([3, 12]);
    const again = buildEvContexts(real, { agents: m, ticks, mode: "different", rng: createRandom(5) });
    expect(Buffer.from(again.buffer).equals(Buffer.from(different.buffer))).toBe(true);
    // Measured: similar ≈ 0.51–12.9 kWh, different ≈ 0.51–54…60 kWh (paper: 0.80–9.00 and 1.33–60.36).
    const s = evNeedSpread(similar, ticks, m);
    const d = evNeedSpread(different, ticks, m);
    expect(s.min).toBeGreaterThan(0.2);
    expect(s.max).toBeLessThan(15);
    expect(d.max).toBeGreaterThan(45);
    expect(d.max).toBeLessThan(65);
    expect(d.max).toBeGreaterThan(3 * s.max);
  });
});

describe("buildEvContexts reports needs the window cannot deliver (onCapped)", () => {
  const sessions = syntheticSessions(100); // hours 3..12, chunk of 20 sessions per agent for 5 agents
  const capture = (opts: { ticks: number; slots: number; rate?: "session" | "agent" }) => {
    const calls: unknown[][] = [];
    buildEvContexts(sessions, { agents: 5, mode: "similar", rng: createRandom(1), ...opts, onCapped: (...args) => calls.push(args) });
    return calls;
  };

  it("session rates: counts every (tick, agent) whose session is longer than T, and names the first", () => {
    // Each chunk holds 8 sessions of 9-12 h; 40 ticks visit each of them twice, for 5 agents.
    expect(capture({ ticks: 40, slots: 8 })).toEqual([[80, { agent: 0, session: 6, slotsNeeded: 9 }]]);
  });

  it("session rates: only sessions the ticks visit count", () => {
    // 5 ticks visit the first 5 sessions of each chunk: 3-7 h, all inside an 8-slot window.
    expect(capture({ ticks: 5, slots: 8 })).toEqual([[0, undefined]]);
  });

  it("per-EV rates: reports capped needs with the slots they asked for", () => {
    const [[count, first]] = capture({ ticks: 40, slots: 3, rate: "agent" }) as [[number, { slotsNeeded: number }]];
    expect(count).toBeGreaterThan(0);
    expect(first.slotsNeeded).toBeGreaterThan(3);
    expect(capture({ ticks: 40, slots: 12, rate: "agent" })[0][0]).toBeLessThan(count);
  });
});
