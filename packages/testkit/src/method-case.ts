import fc, { type Arbitrary } from "fast-check";
import type { MethodSettings, TrainingMethod, TrainingObjective } from "@equitable/core";
import { DenseSampleGradients } from "./dense-sample-gradients.js";

/** A training method of any objective (the checks read its objectives through its own params). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = TrainingMethod<any>;

/** Width P of the drawn per-sample gradients: enough for ⟨g_a, g_w⟩ to take either sign. */
export const GRADIENT_DIMENSION = 3;

/** One drawn case of a method check: the scenario settings its jobs come from, which job, and the regrets. */
export interface MethodCase {
  /** The scenario settings `jobs` expands (`options` empty: the options check adds its own). */
  readonly settings: MethodSettings;
  /** Which of the jobs to check (modulo their count). */
  readonly job: number;
  readonly rows: number;
  readonly agents: number;
  /**
   * rows×agents regrets, row-major; an agent-level method reads the first `agents` as its mean
   * regrets. Distinct multiples of 0.01 in [0.01, 10]: at least 0.01 apart and from 0, so a
   * finite-difference step never crosses a kink (a max, a sort, a top-k) of a method's value.
   */
  readonly values: Float64Array;
  /** rows·agents × {@link GRADIENT_DIMENSION} per-sample gradients, for methods whose weights read them. */
  readonly gradients: Float64Array;
}

/** Settings a scenario could hold: q values, β, the loss form and α of the kinds the built-ins read. */
const settingsArbitrary: Arbitrary<MethodSettings> = fc.record({
  q: fc.uniqueArray(fc.constantFrom(0, 0.5, 1, 2, 4), { minLength: 1, maxLength: 3 }),
  beta: fc.constantFrom(0, 0.25),
  lossForm: fc.constantFrom("norm" as const, "power" as const),
  alpha: fc.constantFrom(0.1, 0.2, 0.5, 1),
  options: fc.constant({}),
});

/** Cases of 1–4 rows × 1–4 agents. */
export const methodCaseArbitrary: Arbitrary<MethodCase> = fc
  .record({ settings: settingsArbitrary, job: fc.nat(7), rows: fc.integer({ min: 1, max: 4 }), agents: fc.integer({ min: 1, max: 4 }) })
  .chain(({ settings, job, rows, agents }) => {
    const n = rows * agents;
    return fc.record({
      values: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }).map((ks) => Float64Array.from(ks, (k) => k / 100)),
      gradients: fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n * GRADIENT_DIMENSION, maxLength: n * GRADIENT_DIMENSION }).map((ks) => Float64Array.from(ks, (k) => k / 100)),
    }).map(({ values, gradients }): MethodCase => ({ settings, job, rows, agents, values, gradients }));
  });

/** The objective a case checks: job `c.job` of the method's jobs, validated by its own params; a string says why there is none. */
export function objectiveOf(method: AnyMethod, c: MethodCase): TrainingObjective | string {
  const jobs = method.jobs(c.settings);
  if (!Array.isArray(jobs) || jobs.length === 0) return `jobs returned no job for settings ${JSON.stringify(c.settings)}`;
  const objective = jobs[c.job % jobs.length].objective;
  if (objective?.method !== method.name) return `jobs returned an objective of method '${String(objective?.method)}', not '${method.name}'`;
  const parsed = method.params.safeParse(objective);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `params refuse the method's own job ${JSON.stringify(objective)}: ${issue.path.join(".") || "(objective)"}: ${issue.message}`;
  }
  return parsed.data as TrainingObjective;
}

/** The agents' mean regrets an agent-level method reads. */
export const meansOf = (c: MethodCase): Float64Array => c.values.slice(0, c.agents);

/** The case's per-sample gradients. */
export const gradientsOf = (c: MethodCase): DenseSampleGradients => new DenseSampleGradients(c.gradients.slice(), c.rows, c.agents, GRADIENT_DIMENSION);

/** Whether a method's `perSample.weights` read per-sample gradients for this objective (then they are a reweighting, not ∂L/∂C). */
export function readsGradients(method: AnyMethod, objective: TrainingObjective): boolean {
  return method.perSample?.gradients?.(objective) !== undefined;
}

const list = (v: ArrayLike<number>) => `[${Array.from(v).join(", ")}]`;

/** A case as readable lines: what the method was given, as it was given. */
export function formatMethodCase(method: AnyMethod, c: MethodCase): string[] {
  const lines = [`settings: ${JSON.stringify(c.settings)}, job ${c.job}`];
  let objective: TrainingObjective | string;
  try {
    objective = objectiveOf(method, c);
  } catch {
    objective = "(jobs threw)";
  }
  lines.push(`objective: ${typeof objective === "string" ? objective : JSON.stringify(objective)}`);
  if (method.perSample) {
    lines.push(`regrets (${c.rows} rows × ${c.agents} agents): ${list(c.values)}`);
    if (typeof objective !== "string" && readsGradients(method, objective)) lines.push(`per-sample gradients (${c.rows * c.agents} × ${GRADIENT_DIMENSION}): ${list(c.gradients)}`);
  } else {
    lines.push(`agent means (${c.agents} agents): ${list(meansOf(c))}`);
  }
  return lines;
}
