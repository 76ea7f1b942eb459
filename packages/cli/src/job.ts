import { trainingMethods, type TrainingJob } from "@equitable/core";
import { equitableLabel } from "@equitable/trainer";
import type { Scenario } from "@equitable/scenario";

/** One model to train: its objective and a label for files and tables. */
export type Job = TrainingJob;

/**
 * The models `run` trains for a scenario: each listed method's jobs (Plain PM once, Equitable PM
 * per q). MSE-only baselines come first, so warm starts find the trained Plain PM.
 */
export function jobsFor(scenario: Scenario): Job[] {
  const settings = { q: scenario.q, beta: scenario.beta, lossForm: scenario.lossForm, alpha: scenario.alpha };
  const methods = scenario.methods.map((name) => trainingMethods.require(name, "methods"));
  const ordered = [...methods.filter((m) => !m.usesRegrets), ...methods.filter((m) => m.usesRegrets)];
  return ordered.flatMap((method) => method.jobs({ ...settings, options: scenario.methodOptions[method.name] ?? {} }));
}

/** An Equitable PM job; the label carries q + 1 as the paper's tables print it. */
export function equitableJob(q: number, beta: number, form: "norm" | "power"): Job {
  return { objective: { method: "equitable", q, beta, form }, label: equitableLabel(q, beta) };
}
