import { agentIds, InputError, type ContextSeries, type LivePopulation, type LiveStep } from "@equitable/core";
import type { EvSessions } from "@equitable/data";

/** Options of a deployed EV fleet ({@link EvSessionFleet}). */
export interface EvSessionFleetOptions {
  /** The session log (ACN): agent j replays its own contiguous chunk of it, one session a day. */
  readonly sessions: EvSessions;
  /** Number of chargers (agents) M. */
  readonly agents: number;
  /** Hour of each tick of the live period on the signal's axis (consecutive hours; hour 0 is midnight UTC). */
  readonly hours: ArrayLike<number>;
  /** The truth at each tick (the signal the EVs pay), one per tick. */
  readonly truth: ArrayLike<number>;
  /** Longest stay, hours (≤ the forecast's horizon, so every remaining slot is forecast); default 12. */
  readonly stay?: number;
  /** Local time of the session log minus UTC, hours (ACN Caltech: −8), to place arrivals on the signal's clock. */
  readonly utcOffset?: number;
  /** Agent identifiers; default "ev-0" … */
  readonly ids?: readonly string[];
}

/**
 * Eq. 13 EVs deployed hour by hour, with state. Charger j receives one car a day from its chunk
 * of the session log, arriving at the session's hour of day; the car stays until `stay` hours
 * later (or the next car arrives) and must receive k = round(charging hours) slots at ζ =
 * energy/k kWh per slot. Each hour the charger decides again on the newest forecast ŷ of the next
 * H hours: with r slots still owed and W hours left it charges now when r ≥ W (else the car would
 * leave short), and otherwise when the current hour is among the r cheapest of the W forecast —
 * Eq. 13 solved in a receding horizon. State: r per charger. Regret over a window: for each
 * stay's part inside it, the truth cost of the hours charged there minus that of the same number
 * of cheapest true hours of that part (the same start and end state): ≥ 0.
 */
export class EvSessionFleet implements LivePopulation {
  readonly kind = "ev";
  readonly stateWidth = 1;
  readonly decisionWidth = 1;
  readonly ids: readonly string[];
  readonly ticks: number;
  /** Per tick × charger: the stay in progress (index into the stay arrays), −1 when the charger is empty. */
  private readonly stayAt: Int32Array;
  /** Per stay: first tick, end tick (exclusive), slots owed k, rate ζ (kWh per slot). */
  readonly arrival: Int32Array;
  readonly departure: Int32Array;
  readonly need: Int32Array;
  readonly rate: Float64Array;
  private readonly truth: Float64Array;

  constructor(opts: EvSessionFleetOptions) {
    const m = opts.agents;
    const n = opts.hours.length;
    const stay = opts.stay ?? 12;
    const offset = opts.utcOffset ?? -8;
    const { sessions } = opts;
    if (!Number.isInteger(m) || m < 1) throw new InputError("count", `must be an integer ≥ 1, got ${m}`);
    if (sessions.size < m) throw new InputError("count", `${m} chargers need at least ${m} sessions, got ${sessions.size}`);
    if (!Number.isInteger(stay) || stay < 1) throw new InputError("stay", `must be an integer ≥ 1 hour, got ${stay}`);
    if (opts.truth.length !== n) throw new RangeError(`EvSessionFleet: ${n} hours, ${opts.truth.length} truths`);
    for (let i = 1; i < n; i++) {
      if (opts.hours[i] !== opts.hours[i - 1] + 1) throw new RangeError(`EvSessionFleet: the live period's hours must be consecutive (tick ${i})`);
    }
    this.ids = agentIds("EvSessionFleet", "ev", m, opts.ids, "chargers");
    this.ticks = n;
    this.truth = Float64Array.from(opts.truth);
    const chunk = Math.floor(sessions.size / m);
    const first = n > 0 ? opts.hours[0] : 0;
    const days = Math.ceil(n / 24) + 1;
    const arrival: number[] = [];
    const departure: number[] = [];
    const need: number[] = [];
    const rate: number[] = [];
    this.stayAt = new Int32Array(n * m).fill(-1);
    for (let j = 0; j < m; j++) {
      const starts: number[] = [];
      for (let d = 0; d < days; d++) {
        const s = j * chunk + (d % chunk);
        const localHour = new Date(sessions.start[s]).getUTCHours();
        const day = Math.floor(first / 24) + d;
        starts.push(day * 24 + ((((localHour - offset) % 24) + 24) % 24) - first);
      }
      for (let d = 0; d < days; d++) {
        const s = j * chunk + (d % chunk);
        const from = Math.max(starts[d], 0);
        const to = Math.min(starts[d] + stay, d + 1 < days ? starts[d + 1] : Infinity, n);
        if (to - from < 1) continue;
        const full = Math.max(Math.round(sessions.hours[s]), 1);
        const index = arrival.length;
        arrival.push(from);
        departure.push(to);
        need.push(Math.min(full, to - from));
        rate.push(sessions.energy[s] / full);
        for (let t = from; t < to; t++) this.stayAt[t * m + j] = index;
      }
    }
    this.arrival = Int32Array.from(arrival);
    this.departure = Int32Array.from(departure);
    this.need = Int32Array.from(need);
    this.rate = Float64Array.from(rate);
  }

  initialState(): Float64Array {
    return new Float64Array(this.ids.length);
  }

  step(state: Float64Array, tick: number, forecast: ArrayLike<number>): LiveStep {
    const m = this.ids.length;
    const next = new Float64Array(m);
    const decision = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const s = this.stayAt[tick * m + j];
      if (s < 0) continue;
      const owed = tick === this.arrival[s] ? this.need[s] : state[j];
      const left = this.departure[s] - tick;
      if (left > forecast.length) throw new RangeError(`EvSessionFleet: a stay of ${left} hours is longer than the ${forecast.length}-step forecast`);
      let charge = 0;
      if (owed >= left) charge = 1;
      else if (owed > 0) {
        // Stable rank of the current hour among the stay's forecast hours: later hours win only when strictly cheaper.
        let cheaper = 0;
        for (let u = 1; u < left; u++) if (forecast[u] < forecast[0]) cheaper++;
        charge = cheaper < owed ? 1 : 0;
      }
      decision[j] = charge;
      next[j] = owed - charge;
    }
    return { state: next, decision };
  }

  cost(decision: Float64Array, tick: number): Float64Array {
    const m = this.ids.length;
    const out = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const s = this.stayAt[tick * m + j];
      if (s >= 0 && decision[j] !== 0) out[j] = this.rate[s] * decision[j] * this.truth[tick];
    }
    return out;
  }

  /** The fleet's charging energy at `tick`, kWh: Σ_j ζ_j·x_j (what a closed loop's response model feeds back). */
  load(decision: Float64Array, tick: number): number {
    const m = this.ids.length;
    let total = 0;
    for (let j = 0; j < m; j++) {
      const s = this.stayAt[tick * m + j];
      if (s >= 0 && decision[j] !== 0) total += this.rate[s] * decision[j];
    }
    return total;
  }

  regrets(from: number, to: number, decisions: Float64Array): Float64Array {
    const m = this.ids.length;
    const out = new Float64Array(m);
    const part: number[] = [];
    for (let j = 0; j < m; j++) {
      let t = from;
      while (t < to) {
        const s = this.stayAt[t * m + j];
        if (s < 0) {
          t++;
          continue;
        }
        const end = Math.min(this.departure[s], to);
        let charged = 0;
        let paid = 0;
        part.length = 0;
        for (let u = t; u < end; u++) {
          const y = this.truth[u];
          part.push(y);
          if (decisions[(u - from) * m + j] !== 0) {
            charged++;
            paid += y;
          }
        }
        part.sort((a, b) => a - b);
        let best = 0;
        for (let i = 0; i < charged; i++) best += part[i];
        out[j] += Math.max(0, this.rate[s] * (paid - best));
        t = end;
      }
    }
    return out;
  }

  violation(state: Float64Array, tick: number): string | undefined {
    const m = this.ids.length;
    for (let j = 0; j < m; j++) {
      const s = this.stayAt[tick * m + j];
      const owed = state[j];
      if (s < 0) {
        if (owed !== 0) return `charger ${this.ids[j]} owes ${owed} slots at tick ${tick} with no car plugged in`;
        continue;
      }
      if (!(Number.isInteger(owed) && owed >= 0 && owed <= this.need[s])) return `charger ${this.ids[j]} owes ${owed} slots at tick ${tick}, outside [0, ${this.need[s]}]`;
      const left = this.departure[s] - tick - 1;
      if (owed > left) return `charger ${this.ids[j]}'s car leaves after tick ${tick} with ${owed} slots owed and ${left} hours left`;
    }
    return undefined;
  }
}

/** A live fleet over rows of a series: hours from the series' ticks, the truth its first predicted step. */
export function evSessionFleetOver(series: ContextSeries, rows: Int32Array, sessions: EvSessions, agents: number, options: { ids?: readonly string[]; stay?: number; utcOffset?: number } = {}): EvSessionFleet {
  const hours = Array.from(rows, (r) => series.t[r]);
  const truth = Array.from(rows, (r) => series.y[r * series.horizon]);
  return new EvSessionFleet({ sessions, agents, hours, truth, stay: Math.min(options.stay ?? series.horizon, series.horizon), utcOffset: options.utcOffset, ids: options.ids });
}
