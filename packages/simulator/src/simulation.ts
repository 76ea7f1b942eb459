import type { AgentPopulation, Context, ContextBatch, ContextSeries } from "@equitable/core";
import type { Observable, SchedulerLike } from "rxjs";
import { agentMeanRegrets, type AgentMeanRegrets } from "./agent-mean-regrets.js";
import { checkSeries } from "./checks.js";
import { contexts } from "./contexts.js";
import { epochBatches, type EpochOptions } from "./epoch-batches.js";
import { evaluationBatches, type EvaluationOptions } from "./evaluation-batches.js";
import { packBatch } from "./pack-batch.js";
import { withRegrets, type RegretBatch } from "./with-regrets.js";

/**
 * The simulator for one ContextSeries: every stream it hands out replays that series.
 * It holds nothing but the series, so any number of simulations can run side by side.
 */
export class Simulation {
  /** The series this simulation replays. */
  readonly series: ContextSeries;

  constructor(series: ContextSeries) {
    checkSeries(series, "Simulation");
    this.series = series;
  }

  /** Number of ticks N in the series. */
  get size(): number {
    return this.series.size;
  }

  /** One Context per row, in the order of `indices` (default 0..N−1); see {@link contexts}. */
  contexts(indices?: Int32Array, scheduler?: SchedulerLike): Observable<Context<Float32Array>> {
    return contexts(this.series, indices, scheduler);
  }

  /** The given rows packed into one ContextBatch; see {@link packBatch}. */
  batch(rows: Int32Array): ContextBatch {
    return packBatch(this.series, rows);
  }

  /** One shuffled training epoch; see {@link epochBatches}. */
  epoch(options: EpochOptions): Observable<ContextBatch> {
    return epochBatches(this.series, options);
  }

  /** One ordered evaluation pass; see {@link evaluationBatches}. */
  evaluation(options: EvaluationOptions): Observable<ContextBatch> {
    return evaluationBatches(this.series, options);
  }

  /** Regrets of every agent on every row of an ordered pass, batch by batch. */
  regrets(
    population: AgentPopulation,
    forecast: (batch: ContextBatch) => Float32Array,
    options: EvaluationOptions,
  ): Observable<RegretBatch> {
    // Checked here, before any batch is forecast, so a wrong population fails fast and clearly.
    if (population.ids.length !== this.series.agents) {
      throw new RangeError(
        `Simulation.regrets: population has ${population.ids.length} agents, series has ${this.series.agents}`,
      );
    }
    return this.evaluation(options).pipe(withRegrets(population, forecast));
  }

  /** Each agent's mean regret C̄_m over an ordered pass, emitted once when the pass completes. */
  evaluate(
    population: AgentPopulation,
    forecast: (batch: ContextBatch) => Float32Array,
    options: EvaluationOptions,
  ): Observable<AgentMeanRegrets> {
    return this.regrets(population, forecast, options).pipe(agentMeanRegrets());
  }
}

/** Builds a {@link Simulation} for one series. */
export function createSimulation(series: ContextSeries): Simulation {
  return new Simulation(series);
}
