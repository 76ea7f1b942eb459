/**
 * One tick of the world (Sec. 3): its time, the public features x the model sees,
 * the truth y it should have predicted, and the per-agent context ξ (one row per agent).
 */
export interface Context<Xi = Float64Array> {
  /** Index of the tick on its series' time axis (hours since the series start). */
  readonly t: number;
  /** Public features x: the window of past signal values, oldest first. */
  readonly x: Float32Array;
  /** Truth y: the next `horizon` signal values. */
  readonly y: Float32Array;
  /** Per-agent context ξ_{·,t}: M×xiWidth values (data centres: one demand each; EVs: need and rate). */
  readonly xi: Xi;
}

/**
 * A batch of B ticks in row-major typed arrays, the shape hot paths consume:
 * x is B×window, y is B×horizon, xi is B×M×xiWidth (the population knows M and xiWidth).
 */
export interface ContextBatch {
  /** Tick indices of the B rows. */
  readonly t: Int32Array;
  /** Rows in this batch. */
  readonly size: number;
  /** B×window public features. */
  readonly x: Float32Array;
  /** B×horizon truths. */
  readonly y: Float32Array;
  /** B×M×xiWidth per-agent context (row-major: row, agent, feature). */
  readonly xi: Float32Array;
}

/**
 * A whole windowed data set of N ticks in row-major typed arrays: what the data package
 * produces and the simulator replays. Row i is the context of tick t[i].
 */
export interface ContextSeries {
  /** Number of ticks N. */
  readonly size: number;
  /** Length of each public-feature window. */
  readonly window: number;
  /** Number of predicted steps per tick. */
  readonly horizon: number;
  /** Number of agents M. */
  readonly agents: number;
  /** Values of ξ per agent per tick (1 for data centres' demand; 2 for EVs' need and rate). */
  readonly xiWidth: number;
  /** Tick indices on the series' time axis, length N. */
  readonly t: Int32Array;
  /** N×window public features. */
  readonly x: Float32Array;
  /** N×horizon truths. */
  readonly y: Float32Array;
  /** N×M×xiWidth per-agent context (row-major: tick, agent, feature). */
  readonly xi: Float32Array;
}
