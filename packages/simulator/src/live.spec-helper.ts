// Shared by the live-simulation specs: a one-agent store whose state carries over between ticks.
import type { LivePopulation } from "@equitable/core";

/**
 * One agent holding s ∈ [0, capacity] units: it buys one unit (decision +1) when the tick's forecast
 * is below `cheap` and it has room, sells one (−1) when above and it has stock, else holds (0);
 * it pays decision × truth[tick]. Enough state to see order and carry-over in marbles.
 */
export function toyStore(truth: readonly number[], capacity = 2, cheap = 5): LivePopulation {
  return {
    kind: "toy-store",
    ids: ["store-0"],
    stateWidth: 1,
    decisionWidth: 1,
    ticks: truth.length,
    initialState: () => Float64Array.of(0),
    step(state, _tick, forecast) {
      const s = state[0];
      const d = forecast[0] < cheap ? (s < capacity ? 1 : 0) : (s > 0 ? -1 : 0);
      return { state: Float64Array.of(s + d), decision: Float64Array.of(d) };
    },
    cost: (decision, tick) => Float64Array.of(decision[0] * truth[tick]),
    regrets: () => Float64Array.of(0),
    violation: (state) => (state[0] < 0 || state[0] > capacity ? `holds ${state[0]}` : undefined),
  };
}
