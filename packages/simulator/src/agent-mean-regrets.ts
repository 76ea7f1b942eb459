import { defer, map, reduce, type OperatorFunction } from "rxjs";
import type { RegretBatch } from "./with-regrets.js";

/** Each agent's mean regret C̄_m over every row seen, and how many rows that was. */
export interface AgentMeanRegrets {
  /** Length M: means[m] = (1/rows) Σ_rows regret of agent m. */
  readonly means: Float64Array;
  /** Rows the means are taken over (Σ batch sizes). */
  readonly rows: number;
}

interface Totals {
  sums: Float64Array | undefined;
  rows: number;
}

function add(totals: Totals, { batch, regrets }: RegretBatch): Totals {
  const b = batch.size;
  if (b === 0) return totals;
  const m = regrets.length / b;
  if (!Number.isInteger(m)) {
    throw new RangeError(`agentMeanRegrets: ${regrets.length} regrets do not split into ${b} rows`);
  }
  totals.sums ??= new Float64Array(m);
  const sums = totals.sums;
  if (sums.length !== m) {
    throw new RangeError(`agentMeanRegrets: batch has ${m} agents, earlier batches had ${sums.length}`);
  }
  for (let r = 0; r < b; r++) {
    const base = r * m;
    for (let a = 0; a < m; a++) sums[a] += regrets[base + a];
  }
  totals.rows += b;
  return totals;
}

function finish({ sums, rows }: Totals): AgentMeanRegrets {
  const means = new Float64Array(sums?.length ?? 0);
  for (let a = 0; a < means.length; a++) means[a] = sums![a] / rows;
  return { means, rows };
}

/**
 * Reduces a stream of RegretBatches to each agent's mean regret over all rows, emitted once
 * on completion. An empty stream (or only empty batches) yields means of length 0 and rows 0,
 * since M cannot be known without a row.
 */
export function agentMeanRegrets(): OperatorFunction<RegretBatch, AgentMeanRegrets> {
  // defer: the running totals are created per subscription, so one operator instance can be
  // reused by several pipelines (or resubscribed) without their sums bleeding together.
  return (source) => defer(() => source.pipe(reduce(add, { sums: undefined, rows: 0 } as Totals), map(finish)));
}
