import type { TrainingObjective } from "@equitable/trainer";
import type { Scenario } from "@equitable/scenario";

/** One model to train: its objective and a label for files and tables. */
export interface Job {
  objective: TrainingObjective;
  label: string;
}

/** The models `run` trains for a scenario: Plain PM once, Equitable PM for each q. */
export function jobsFor(scenario: Scenario): Job[] {
  const jobs: Job[] = [];
  if (scenario.methods.includes("plain")) jobs.push({ objective: { method: "plain" }, label: "plain" });
  if (scenario.methods.includes("equitable")) {
    for (const q of scenario.q) jobs.push(equitableJob(q, scenario.beta, scenario.lossForm));
  }
  return jobs;
}

/** An Equitable PM job; the label carries q + 1 as the paper's tables print it. */
export function equitableJob(q: number, beta: number, form: "norm" | "power"): Job {
  return {
    objective: { method: "equitable", q, beta, form },
    label: `equitable-q+1=${q + 1}${beta > 0 ? `-beta=${beta}` : ""}`,
  };
}
