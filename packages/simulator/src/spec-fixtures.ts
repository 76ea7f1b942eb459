import type { AgentPopulation, Context, ContextBatch, ContextSeries } from "@equitable/core";
import { TestScheduler } from "rxjs/testing";
import { expect } from "vitest";

// Shared by the specs only (not exported from index.ts). Values are small dyadic rationals so
// float32 storage and float64 sums stay exact and tests can compare with toEqual.

/**
 * A series of `size` ticks whose every value encodes where it sits: x[i, j] = i + j/8,
 * y[i, h] = 100 + i + h/8, xi[i, m] = 1000 + i + m/8, t[i] = 50 + 2i (≠ i, to catch row/tick mix-ups).
 */
export function makeSeries(size: number, window = 3, horizon = 2, agents = 2): ContextSeries {
  const t = new Int32Array(size);
  const x = new Float32Array(size * window);
  const y = new Float32Array(size * horizon);
  const xi = new Float32Array(size * agents);
  for (let i = 0; i < size; i++) {
    t[i] = 50 + 2 * i;
    for (let j = 0; j < window; j++) x[i * window + j] = i + j / 8;
    for (let h = 0; h < horizon; h++) y[i * horizon + h] = 100 + i + h / 8;
    for (let m = 0; m < agents; m++) xi[i * agents + m] = 1000 + i + m / 8;
  }
  return { size, window, horizon, agents, xiWidth: 1, t, x, y, xi };
}

/** Row i of a makeSeries() series, as the plain numbers of its x / y / xi. */
export function expectedRow(i: number, window = 3, horizon = 2, agents = 2) {
  return {
    t: 50 + 2 * i,
    x: Array.from({ length: window }, (_, j) => i + j / 8),
    y: Array.from({ length: horizon }, (_, h) => 100 + i + h / 8),
    xi: Array.from({ length: agents }, (_, m) => 1000 + i + m / 8),
  };
}

/**
 * A tiny but real population: agent m's regret on a row is weights[m] · Σ_h |ŷ_h − y_h|
 * (ξ is ignored). It counts its own batch calls so specs can check the simulator never
 * loops over agents or rows itself.
 */
export class WeightedAbsPopulation implements AgentPopulation {
  readonly kind = "weighted-abs";
  readonly xiWidth = 1;
  readonly differentiable = false;
  readonly ids: readonly string[];
  calls = 0;
  constructor(readonly weights: readonly number[]) {
    this.ids = weights.map((_, m) => `agent-${m}`);
  }
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, _xi: ArrayLike<number>, batch: number): Float64Array {
    this.calls++;
    const m = this.weights.length;
    const horizon = batch === 0 ? 0 : truth.length / batch;
    const out = new Float64Array(batch * m);
    for (let b = 0; b < batch; b++) {
      let err = 0;
      for (let h = 0; h < horizon; h++) err += Math.abs(forecast[b * horizon + h] - truth[b * horizon + h]);
      for (let a = 0; a < m; a++) out[b * m + a] = this.weights[a] * err;
    }
    return out;
  }
}

/** A TestScheduler that compares frames with vitest's deep equality (typed arrays by type and contents). */
export function marbles(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** Row i of a makeSeries() series as a Context of fresh arrays, to compare against views. */
export function expectedContext(i: number, window = 3, horizon = 2, agents = 2): Context<Float32Array> {
  const r = expectedRow(i, window, horizon, agents);
  return { t: r.t, x: Float32Array.from(r.x), y: Float32Array.from(r.y), xi: Float32Array.from(r.xi) };
}

/** The ContextBatch holding rows of a makeSeries() series in the given order, built independently of packBatch. */
export function expectedBatch(rows: readonly number[], window = 3, horizon = 2, agents = 2): ContextBatch {
  const rs = rows.map((i) => expectedRow(i, window, horizon, agents));
  return {
    t: Int32Array.from(rs.map((r) => r.t)),
    size: rows.length,
    x: Float32Array.from(rs.flatMap((r) => r.x)),
    y: Float32Array.from(rs.flatMap((r) => r.y)),
    xi: Float32Array.from(rs.flatMap((r) => r.xi)),
  };
}

/** Rows a batch came from, read back from the tick indices makeSeries() assigns (t = 50 + 2i). */
export function rowsOf(batch: ContextBatch): number[] {
  return Array.from(batch.t, (t) => (t - 50) / 2);
}
