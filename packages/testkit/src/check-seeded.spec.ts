import { describe, expect, it } from "vitest";
import type { Random } from "@equitable/core";
import { buildDemandMatrix } from "@equitable/agents-datacenter";
import { buildEvContexts } from "@equitable/agents-ev";
import { buildPhoneContexts } from "@equitable/agents-phone";
import { syntheticEvSessions } from "@equitable/data";
import { assertSeededBuilder, checkSeededBuilder, ConformanceError } from "./index.js";

const trace = Float64Array.from({ length: 200 }, (_, i) => 5 + 4 * Math.sin(i / 7));

describe("checkSeededBuilder on the framework's own builders", () => {
  it("passes the perturbed demand matrix, EV and phone contexts", () => {
    const sessions = syntheticEvSessions({ count: 400, seed: 1 });
    expect(checkSeededBuilder((rng) => buildEvContexts(sessions, { agents: 8, ticks: 60, mode: "different", perturbed: 3, rng }), { seed: 2 })).toEqual([]);
    expect(checkSeededBuilder((rng) => buildDemandMatrix(trace, 48, { agents: 10, mode: "different", perturbed: 4, rng }), { seed: 1 })).toEqual([]);
    expect(checkSeededBuilder((rng) => buildPhoneContexts({ agents: 6, ticks: 20, rng }), { seed: "phones" })).toEqual([]);
  });
});

// PettingZoo once shipped a seed test that checked nothing; each of these must be caught.
describe("checkSeededBuilder catches unseeded builders", () => {
  it("a builder that uses Math.random", () => {
    const failures = checkSeededBuilder((rng) => [rng.next(), Math.random()], { seed: 1 });
    expect(failures.map((f) => f.check)).toEqual(["rng-only", "same-seed-same-output"]);
    expect(failures[0].message).toMatch(/called Math\.random 3 times/);
  });

  it("a builder that ignores its seed", () => {
    const failures = checkSeededBuilder(() => [1, 2, 3], { seed: 1 });
    expect(failures.map((f) => f.check)).toEqual(["seed-matters"]);
  });

  it("a builder whose output drifts between calls with the same seed", () => {
    let calls = 0;
    const failures = checkSeededBuilder((rng: Random) => [rng.next() + calls++], { seed: 1 });
    expect(failures.map((f) => f.check)).toEqual(["same-seed-same-output"]);
  });

  it("a builder that returns nothing", () => {
    expect(checkSeededBuilder(() => [], { seed: 1 }).map((f) => f.check)).toEqual(["seed-matters"]);
  });

  it("restores Math.random even when the builder throws", () => {
    const original = Math.random;
    expect(() => checkSeededBuilder(() => {
      throw new Error("boom");
    }, { seed: 1 })).toThrow("boom");
    expect(Math.random).toBe(original);
  });

  it("assertSeededBuilder throws a ConformanceError naming the check", () => {
    expect(() => assertSeededBuilder(() => [Math.random()], { seed: 1 })).toThrow(ConformanceError);
    expect(() => assertSeededBuilder(() => [Math.random()], { seed: 1 })).toThrow(/\[rng-only\]/);
    expect(() => assertSeededBuilder((rng) => [rng.next()], { seed: 1 })).not.toThrow();
  });
});
