import type { ContextSeries, LivePopulation, LiveStep } from "@equitable/core";
import type { ProcurementPopulation } from "./procurement-population.js";

const NO_STATE = new Float64Array(0);

/**
 * Procurement desks deployed hour by hour, as they are trained: at each tick desk m commits
 * a_{m,h} = s_m·ŷ_h for every step h of the forecast (s_m its load share then) and settles each on
 * its truth y_h: cost s_m·mean_h(u_m·(y_h − ŷ_h)⁺ + o_m·(ŷ_h − y_h)⁺), the population's regret,
 * since committing the truth costs nothing. Regret over a window is that cost summed over its
 * ticks. Load at a tick is the desks' aggregate bid for the hour ahead beyond their need on the
 * series' truth, Σ_m (a_{m,0} − s_m·y₀): what a closed loop's response model feeds back
 * (over-bidding raises the imbalance price along the merit order).
 */
export function procurementLive(population: ProcurementPopulation, series: ContextSeries, rows: Int32Array, column: number): LivePopulation {
  const m = population.ids.length;
  const h = series.horizon;
  const stride = series.xiWidth;
  const share = (k: number, j: number) => series.xi[(rows[k] * series.agents + column + j) * stride];
  const costAt = (decision: Float64Array, k: number, into: Float64Array): void => {
    const truth = series.y.subarray(rows[k] * h, (rows[k] + 1) * h);
    for (let j = 0; j < m; j++) {
      const s = share(k, j);
      let total = 0;
      for (let u = 0; u < h; u++) {
        const gap = s * truth[u] - decision[j * h + u];
        total += gap > 0 ? population.under[j] * gap : -population.over[j] * gap;
      }
      into[j] += total / h;
    }
  };
  return {
    kind: population.kind,
    ids: population.ids,
    stateWidth: 0,
    decisionWidth: h,
    ticks: rows.length,
    initialState: () => NO_STATE,
    step(_state, tick, forecast): LiveStep {
      const decision = new Float64Array(m * h);
      for (let j = 0; j < m; j++) for (let u = 0; u < h; u++) decision[j * h + u] = share(tick, j) * forecast[u];
      return { state: NO_STATE, decision };
    },
    cost(decision, tick) {
      const out = new Float64Array(m);
      costAt(decision, tick, out);
      return out;
    },
    regrets(from, to, decisions) {
      const out = new Float64Array(m);
      for (let k = from; k < to; k++) costAt(decisions.subarray((k - from) * m * h, (k - from + 1) * m * h), k, out);
      return out;
    },
    load(decision, tick) {
      const y = series.y[rows[tick] * h];
      let total = 0;
      for (let j = 0; j < m; j++) total += decision[j * h] - share(tick, j) * y;
      return total;
    },
    violation: () => undefined,
  };
}
