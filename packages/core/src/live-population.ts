import type { ContextSeries } from "./context.js";

/** What a live population's agents do at one tick, and the state they carry to the next. */
export interface LiveStep {
  /** M×stateWidth: every agent's state after the tick. */
  readonly state: Float64Array;
  /** M×decisionWidth: every agent's decision at the tick. */
  readonly decision: Float64Array;
}

/**
 * Agents deployed over time: stateful reducers over (state, tick, forecast) → (state, decision).
 * Ticks are the rows of the live period in time order (0 … n−1); the population reads each tick's
 * context and truth from the series it was built on, and the simulator asks for costs and regrets
 * of a tick only once its truth has arrived.
 *
 * Stateful regret over a window of ticks [from, to) is the realised cost of the agents' decisions
 * minus the least cost any feasible trajectory over the same window reaches on the truth, from the
 * same start state to the same end state. The realised trajectory is one of those, so it is ≥ 0.
 */
export interface LivePopulation {
  /** Agent kind, as named in scenario files. */
  readonly kind: string;
  /** Agent identifiers. */
  readonly ids: readonly string[];
  /** Values of state per agent. */
  readonly stateWidth: number;
  /** Values of a decision per agent. */
  readonly decisionWidth: number;
  /** Number of ticks n of the live period. */
  readonly ticks: number;
  /** Every agent's state before tick 0 (M×stateWidth). */
  initialState(): Float64Array;
  /** Pure: the agents' decisions at `tick` on the deployed forecast of the next H steps, and their next state. */
  step(state: Float64Array, tick: number, forecast: ArrayLike<number>): LiveStep;
  /** Each agent's realised cost (M) of its decisions at `tick` on that tick's truth. */
  cost(decision: Float64Array, tick: number): Float64Array;
  /** Each agent's stateful regret (M, ≥ 0) over [from, to) given the decisions of those ticks ((to − from)×M×decisionWidth). */
  regrets(from: number, to: number, decisions: Float64Array): Float64Array;
  /** Why a state at `tick` breaks the agents' constraints; undefined when it is feasible. */
  violation(state: Float64Array, tick: number): string | undefined;
  /**
   * The group's aggregate load at `tick` from its decisions there (M×decisionWidth), in the units
   * its kind documents: what a closed loop's response model feeds back into the signal. Absent:
   * the kind's actions cannot move the signal (a scenario with `feedback` refuses it).
   */
  load?(decision: Float64Array, tick: number): number;
}

/** Builds a group's live population over rows of the series (the live period, in time order). */
export type LiveFactory = (series: ContextSeries, rows: Int32Array, column: number) => LivePopulation;
