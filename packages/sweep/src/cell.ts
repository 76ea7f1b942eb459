import type { TrainingObjective } from "@equitable/core";
import type { CellOutcome, PlannedJob } from "@equitable/experiment";

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
  /**
   * The cell's plan, as `planJobs` gave it where the sweep was expanded: the baseline its job
   * fine-tunes from under warm starts (if any), then the cell's own job, last. Workers train it as it is.
   */
  readonly jobs: readonly PlannedJob[];
  readonly method: string;
  readonly label: string;
  /** The method's own parameters (the objective less `method`): IRWO's distance, a plug-in's tilt. */
  readonly methodParams: Readonly<Record<string, unknown>>;
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

/** What a finished cell yields: its result row (every metric, worst-α included) and each agent's mean regret. */
export type CellResult = CellOutcome;

/** Trains and evaluates one cell (given by the host, which owns the training code). */
export type CellRunner = (cell: CellSpec, context: RunnerContext) => Promise<CellResult>;

/** What a cell runner gets beside the cell: settings of the machine it runs on. */
export interface RunnerContext {
  readonly dataDir?: string;
  readonly backend: string;
}
