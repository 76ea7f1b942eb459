import type { TrainingObjective } from "@equitable/core";

/**
 * One cell of a sweep: one model (a method's job) of one scenario, parameter combination, seed
 * and epoch count. Serialisable: it is what a worker thread or a remote worker receives.
 */
export interface CellSpec {
  /** Canonical JSON of what identifies the cell (scenario, params, seed, epochs, objective). */
  readonly key: string;
  /** A short hash of the key (BullMQ job ids, log lines). */
  readonly id: string;
  /** Position in the sweep's expansion order. */
  readonly index: number;
  /** The scenario as the sweep file names it (relative to the sweep file). */
  readonly scenarioRef: string;
  /** The scenario's name field. */
  readonly scenarioName: string;
  /** Absolute path of the scenario file: plugins resolve relative to its folder. */
  readonly scenarioFile: string;
  /**
   * The scenario value this cell trains, exactly what `equitable run` would get from the file and
   * flags: params applied, one seed, its epochs, methods (Plain PM first under warm starts), q and β.
   */
  readonly scenario: Record<string, unknown>;
  readonly objective: TrainingObjective;
  readonly method: string;
  readonly label: string;
  /** The paper's q (exponent q + 1); null for a method without one (Plain PM). */
  readonly q: number | null;
  readonly beta: number | null;
  readonly seed: number;
  readonly epochs: number;
  /** The `params` values of this cell, by path. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A one-line description of a cell for progress and logs. */
export function describeCell(cell: CellSpec): string {
  const params = Object.entries(cell.params).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(" ");
  return `${cell.scenarioName} ${cell.label} seed ${cell.seed}${params ? ` ${params}` : ""}`;
}

/** What a finished cell yields: its summary row's metrics and each agent's mean regret. */
export interface CellResult {
  readonly metrics: CellMetrics;
  /** Epochs the model has seen in all (warm starts count Plain PM's). */
  readonly epochsSeen: number;
  readonly agentIds: readonly string[];
  readonly agentMeanRegrets: readonly number[];
  readonly trainSeconds: number;
}

/** The equity metrics of a model's agents' mean regrets on the test split (summary.json's). */
export interface CellMetrics {
  readonly variance: number;
  readonly mean: number;
  readonly c95MinusC5: number;
  readonly mse: number;
  readonly hNorm: number;
  readonly worst: number;
  readonly jain: number;
}

/** The metric names, in the tables' order. */
export const METRICS = ["variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "jain"] as const satisfies readonly (keyof CellMetrics)[];

/** Trains and evaluates one cell (given by the host, which owns the training code). */
export type CellRunner = (cell: CellSpec, context: RunnerContext) => Promise<CellResult>;

/** What a cell runner gets beside the cell: settings of the machine it runs on. */
export interface RunnerContext {
  readonly dataDir?: string;
  readonly backend: string;
}
