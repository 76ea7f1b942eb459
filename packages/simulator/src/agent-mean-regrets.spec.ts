import type { ContextBatch } from "@equitable/core";
import { lastValueFrom, of } from "rxjs";
import { describe, expect, it } from "vitest";
import { agentMeanRegrets } from "./agent-mean-regrets.js";
import { evaluationBatches } from "./evaluation-batches.js";
import { expectedBatch, makeSeries, marbles, rowsOf, WeightedAbsPopulation } from "./spec-fixtures.js";
import { withRegrets, type RegretBatch } from "./with-regrets.js";

/** A RegretBatch over the given rows with the given B×2 regrets (forecast irrelevant here). */
function regretBatch(rows: number[], regrets: number[]): RegretBatch {
  const batch = expectedBatch(rows);
  return { batch, forecast: new Float32Array(batch.y.length), regrets: Float64Array.from(regrets) };
}

// Two batches of unequal size: row-weighted means are (1+3+8)/3 = 4 and (10+30+80)/3 = 40,
// whereas a (wrong) mean of batch means would give (2+8)/2 = 5 and (20+80)/2 = 50.
const r1 = regretBatch([0, 1], [1, 10, 3, 30]);
const r2 = regretBatch([2], [8, 80]);

describe("agentMeanRegrets", () => {
  it("emits once, on completion, each agent's mean over rows (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(cold("a--b--|", { a: r1, b: r2 }).pipe(agentMeanRegrets())).toBe("------(m|)", {
        m: { means: Float64Array.of(4, 40), rows: 3 },
      });
    });
  });

  it("emits an empty result for an empty stream, and propagates errors (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(cold<RegretBatch>("--|").pipe(agentMeanRegrets())).toBe("--(m|)", {
        m: { means: new Float64Array(0), rows: 0 },
      });
      expectObservable(cold("a-#", { a: r1 }).pipe(agentMeanRegrets())).toBe("--#");
    });
  });

  it("equals the hand-computed C̄_m over a real regret pass", async () => {
    const series = makeSeries(5, 3, 2, 3);
    const population = new WeightedAbsPopulation([1, 0.5, 3]);
    // ŷ = y + i on row i, so with horizon 2 the row's Σ_h|ŷ−y| is 2i: 0, 2, 4, 6, 8 → mean 4.
    const forecast = (b: ContextBatch) => {
      const rows = rowsOf(b);
      return b.y.map((v, k) => v + rows[Math.floor(k / 2)]);
    };
    const result = await lastValueFrom(
      evaluationBatches(series, { batchSize: 2 }).pipe(withRegrets(population, forecast), agentMeanRegrets()),
    );
    expect(result.rows).toBe(5);
    expect(Array.from(result.means)).toEqual([4 * 1, 4 * 0.5, 4 * 3]);
  });

  it("keeps totals per subscription, so one operator instance can be reused", async () => {
    const op = agentMeanRegrets();
    const stream = of(r1, r2).pipe(op);
    const first = await lastValueFrom(stream);
    const second = await lastValueFrom(stream);
    const third = await lastValueFrom(of(r2).pipe(op));
    expect(first).toEqual({ means: Float64Array.of(4, 40), rows: 3 });
    expect(second).toEqual(first);
    expect(third).toEqual({ means: Float64Array.of(8, 80), rows: 1 });
  });

  it("skips empty batches and errors when the agent count changes", async () => {
    const empty: RegretBatch = { batch: expectedBatch([]), forecast: new Float32Array(0), regrets: new Float64Array(0) };
    expect(await lastValueFrom(of(empty, r2, empty).pipe(agentMeanRegrets()))).toEqual({ means: Float64Array.of(8, 80), rows: 1 });
    const three: RegretBatch = { ...r2, regrets: Float64Array.of(1, 2, 3) };
    await expect(lastValueFrom(of(r1, three).pipe(agentMeanRegrets()))).rejects.toThrow(/batch has 3 agents, earlier batches had 2/);
  });
});
