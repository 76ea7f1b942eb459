import { trainingMethods, type TrainingJob, type TrainingObjective } from "@equitable/core";
import type { Scenario } from "@equitable/scenario";
import { equitableLabel } from "@equitable/trainer";

/**
 * One model an experiment trains, planned in full before anything trains: serialisable, so a sweep
 * worker receives it as it is and never re-plans.
 */
export interface PlannedJob extends TrainingJob {
  /** The registered method's name (`objective.method`). */
  readonly method: string;
  /** The method's own parameters: the objective less `method` (q, β, IRWO's distance, a plug-in's tilt). */
  readonly params: Readonly<Record<string, unknown>>;
  /** True for an MSE-only baseline (the method's `usesRegrets` is false): planned first, the warm start of the rest. */
  readonly baseline: boolean;
  /** Label of the baseline job this one fine-tunes from under `training.warmStart`, else null. */
  readonly warmStartFrom: string | null;
  /** The seed forks its training draws from: initial weights, and batch order (shared by every job of one method: common random numbers). */
  readonly forks: { readonly init: string; readonly shuffle: string };
}

/** The method's own parameters of an objective (everything but its name). */
export function methodParams(objective: TrainingObjective): Record<string, unknown> {
  const { method: _method, ...params } = objective;
  return params;
}

/** A job of `objective` as an experiment plans it (no warm start): for a job built by hand, as `planJobs` builds them. */
export function planJob(job: TrainingJob, warmStartFrom: string | null = null): PlannedJob {
  const method = trainingMethods.require(job.objective.method, "objective.method");
  return {
    objective: job.objective,
    label: job.label,
    method: method.name,
    params: methodParams(job.objective),
    baseline: !method.usesRegrets,
    warmStartFrom,
    forks: { init: "init", shuffle: `shuffle/${method.name}` },
  };
}

/**
 * The models an experiment trains for a scenario, in order: each listed method's jobs (Plain PM
 * once, Equitable PM per q). MSE-only baselines come first, so under `training.warmStart` the
 * regret-based jobs find the baseline they fine-tune from already trained.
 */
export function planJobs(scenario: Scenario): PlannedJob[] {
  const settings = { q: scenario.q, beta: scenario.beta, lossForm: scenario.lossForm, alpha: scenario.alpha };
  const methods = scenario.methods.map((name) => trainingMethods.require(name, "methods"));
  const ordered = [...methods.filter((m) => !m.usesRegrets), ...methods.filter((m) => m.usesRegrets)];
  const planned: PlannedJob[] = [];
  let baseline: string | null = null;
  for (const method of ordered) {
    for (const job of method.jobs({ ...settings, options: scenario.methodOptions[method.name] ?? {} })) {
      const p = planJob(job, scenario.training.warmStart && method.usesRegrets ? baseline : null);
      if (p.baseline && baseline === null) baseline = p.label;
      planned.push(p);
    }
  }
  return planned;
}

/** An Equitable PM job; the label carries q + 1 as the paper's tables print it. */
export function equitableJob(q: number, beta: number, form: "norm" | "power"): PlannedJob {
  return planJob({ objective: { method: "equitable", q, beta, form }, label: equitableLabel(q, beta) });
}
