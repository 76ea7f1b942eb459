import { describe, expect, it } from "vitest";
import { createRandom, type LiveStep } from "@equitable/core";
import { syntheticEvSessions } from "@equitable/data";
import { EvSessionFleet, type EvSessionFleetOptions } from "@equitable/agents-ev";
import { checkLivePopulation } from "./index.js";

const H = 12;

/** A fleet of 4 chargers over `n` hours from hour 7 on, its truth drawn from `seed`. */
function options(seed: number, n = 24 * 5): EvSessionFleetOptions & { truth: Float64Array } {
  const rng = createRandom(`truth/${seed}`);
  const truth = Float64Array.from({ length: n + H }, () => 10 * rng.next());
  return { sessions: syntheticEvSessions({ count: 400, seed }), agents: 4, hours: Array.from({ length: n }, (_, i) => 7 + i), truth: truth.subarray(0, n) };
}
const foresightOf = (seed: number) => {
  const { truth } = options(seed);
  return (tick: number) => Float64Array.from({ length: H }, (_, u) => truth[Math.min(tick + u, truth.length - 1)]);
};

describe("checkLivePopulation on a stateful kind (EvSessionFleet) and on a mutant of it", () => {
  it("passes the live conformance checks: same seed same trajectory, feasible states, regret ≥ 0 and superadditive, 0 with foresight", () => {
    let last = 0;
    const failures = checkLivePopulation((seed) => {
      last = seed;
      return new EvSessionFleet(options(seed));
    }, { horizon: H, seed: 3, runs: 4, foresight: (t) => foresightOf(last)(t) });
    expect(failures).toEqual([]);
  });

  it("a charger that never forces its owed slots leaves cars short: the feasibility check catches it", () => {
    class Lazy extends EvSessionFleet {
      override step(state: Float64Array, tick: number, forecast: ArrayLike<number>): LiveStep {
        const step = super.step(state, tick, forecast);
        // The mutant: charge only in hours cheaper than 5 by the forecast, whatever is owed.
        const decision = step.decision.map((d, j) => (d === 1 && forecast[0] < 5 ? 1 : 0));
        const next = step.state.map((s, j) => s + step.decision[j] - decision[j]);
        return { state: next, decision };
      }
    }
    const failures = checkLivePopulation((seed) => new Lazy(options(seed)), { horizon: H, seed: 3, runs: 2 });
    expect(failures.map((f) => f.check)).toContain("live-state-feasible");
  });

});
