import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { syntheticEvSessions } from "@equitable/data";
import { EvSessionFleet, type EvSessionFleetOptions } from "./ev-session-fleet.js";

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

describe("EvSessionFleet (Eq. 13 EVs deployed hour by hour, with state)", () => {
  it("a car is charged exactly its k slots within its stay, the cheapest by a perfect forecast", () => {
    const opts = options(9);
    const fleet = new EvSessionFleet(opts);
    const foresight = foresightOf(9);
    let state = fleet.initialState();
    const charged = new Float64Array(fleet.arrival.length);
    for (let t = 0; t < fleet.ticks; t++) {
      const step = fleet.step(state, t, foresight(t));
      state = step.state;
      for (let s = 0; s < fleet.arrival.length; s++) {
        if (t >= fleet.arrival[s] && t < fleet.departure[s]) {
          const j = fleet.ids.findIndex((_, jj) => (fleet as unknown as { stayAt: Int32Array }).stayAt[t * 4 + jj] === s);
          charged[s] += step.decision[j];
        }
      }
    }
    expect(Array.from(charged)).toEqual(Array.from(fleet.need));
    expect(fleet.arrival.length).toBeGreaterThan(4 * 4);
  });

  it("refuses hours that are not consecutive and too few sessions", () => {
    const o = options(1, 30);
    expect(() => new EvSessionFleet({ ...o, hours: [...Array.from(o.hours).slice(0, 29), 99] })).toThrow(/consecutive \(tick 29\)/);
    expect(() => new EvSessionFleet({ ...o, agents: 1000 })).toThrow(/1000 chargers need at least 1000 sessions, got 400/);
  });
});
