import type { ContextSeries, LivePopulation, LiveStep } from "@equitable/core";
import type { ProcurementPopulation } from "./procurement-population.js";

const NO_STATE = new Float64Array(0);

/**
 * Procurement desks deployed hour by hour: at each tick desk m commits a_m = s_m·ŷ for the hour
 * ahead (ŷ the forecast's first step, s_m its load share then) and settles on that hour's truth y:
 * cost u_m·(s_m·y − a_m)⁺ + o_m·(a_m − s_m·y)⁺. Committing the truth costs nothing, so regret over
 * a window is the cost summed over it. Load at a tick is the desks' aggregate bid beyond their
 * need on the series' truth, Σ_m (a_m − s_m·y): what a closed loop's response model feeds back
 * (over-bidding raises the imbalance price along the merit order).
 */
export function procurementLive(population: ProcurementPopulation, series: ContextSeries, rows: Int32Array, column: number): LivePopulation {
  const m = population.ids.length;
  const h = series.horizon;
  const stride = series.xiWidth;
  const share = (k: number, j: number) => series.xi[(rows[k] * series.agents + column + j) * stride];
  const truth = (k: number) => series.y[rows[k] * h];
  const costAt = (decision: Float64Array, k: number, into: Float64Array): void => {
    const y = truth(k);
    for (let j = 0; j < m; j++) {
      const gap = share(k, j) * y - decision[j];
      into[j] += gap > 0 ? population.under[j] * gap : -population.over[j] * gap;
    }
  };
  return {
    kind: population.kind,
    ids: population.ids,
    stateWidth: 0,
    decisionWidth: 1,
    ticks: rows.length,
    initialState: () => NO_STATE,
    step(_state, tick, forecast): LiveStep {
      const decision = new Float64Array(m);
      for (let j = 0; j < m; j++) decision[j] = share(tick, j) * forecast[0];
      return { state: NO_STATE, decision };
    },
    cost(decision, tick) {
      const out = new Float64Array(m);
      costAt(decision, tick, out);
      return out;
    },
    regrets(from, to, decisions) {
      const out = new Float64Array(m);
      for (let k = from; k < to; k++) costAt(decisions.subarray((k - from) * m, (k - from + 1) * m), k, out);
      return out;
    },
    load(decision, tick) {
      const y = truth(tick);
      let total = 0;
      for (let j = 0; j < m; j++) total += decision[j] - share(tick, j) * y;
      return total;
    },
    violation: () => undefined,
  };
}
