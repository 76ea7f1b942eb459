import type { AgentPopulation, ContextSeries, LivePopulation, LiveStep } from "@equitable/core";

const NO_STATE = new Float64Array(0);

/**
 * A stateless population deployed over time, unchanged: at each tick every agent decides on that
 * tick's forecast alone, so its state is empty, its decision is the forecast it acted on (H
 * values), and its regret over a window is the sum of its per-tick regrets there, each priced on
 * that tick's truths by the population itself. `column` is the population's first agent among
 * the series' agents (a group of a mixed scenario).
 */
export function statelessLive(population: AgentPopulation, series: ContextSeries, rows: Int32Array, column = 0): LivePopulation {
  const m = population.ids.length;
  const h = series.horizon;
  const width = population.xiWidth;
  const stride = series.xiWidth;
  if (column < 0 || column + m > series.agents || width > stride) {
    throw new RangeError(`statelessLive: ${m} agents of ξ width ${width} from column ${column} do not fit the series' ${series.agents} agents of width ${stride}`);
  }
  const xiOf = (from: number, to: number): Float32Array => {
    const out = new Float32Array((to - from) * m * width);
    for (let k = from; k < to; k++) {
      for (let j = 0; j < m; j++) {
        const base = (rows[k] * series.agents + column + j) * stride;
        out.set(series.xi.subarray(base, base + width), ((k - from) * m + j) * width);
      }
    }
    return out;
  };
  const truthOf = (from: number, to: number): Float32Array => {
    const out = new Float32Array((to - from) * h);
    for (let k = from; k < to; k++) out.set(series.y.subarray(rows[k] * h, (rows[k] + 1) * h), (k - from) * h);
    return out;
  };
  // Agents share one forecast: a window prices all its ticks in one call from each tick's first copy.
  const forecastsOf = (from: number, to: number, decisions: Float64Array): Float64Array => {
    const out = new Float64Array((to - from) * h);
    for (let k = 0; k < to - from; k++) out.set(decisions.subarray(k * m * h, k * m * h + h), k * h);
    return out;
  };
  const regrets = (from: number, to: number, decisions: Float64Array): Float64Array => {
    const per = population.regrets(forecastsOf(from, to, decisions), truthOf(from, to), xiOf(from, to), to - from);
    const total = new Float64Array(m);
    for (let k = 0; k < to - from; k++) for (let j = 0; j < m; j++) total[j] += per[k * m + j];
    return total;
  };
  return {
    kind: population.kind,
    ids: population.ids,
    stateWidth: 0,
    decisionWidth: h,
    ticks: rows.length,
    initialState: () => NO_STATE,
    step(_state, _tick, forecast): LiveStep {
      const decision = new Float64Array(m * h);
      for (let j = 0; j < m; j++) decision.set(forecast as ArrayLike<number>, j * h);
      return { state: NO_STATE, decision };
    },
    cost: (decision, tick) => regrets(tick, tick + 1, decision),
    regrets,
    violation: () => undefined,
  };
}
