import { z } from "zod";
import { canonicalJson, InputError } from "@equitable/core";
import { fieldName, parseScenario, toInputError } from "@equitable/scenario";
import { planJobs } from "@equitable/experiment";
import type { CellSpec } from "../cell.js";
import type { CellJobData, CellJobReturn } from "./queue-names.js";

// A job's payload comes from whoever can write to the Redis: nothing in it is used before it
// passes these schemas (the worker's side) or the result schema (the coordinator's side).

const record = z.record(z.unknown());
const finite = z.number().finite();
/** Printable text of bounded length: what reaches logs and the database. */
const text = (max: number) => z.string().max(max);

const plannedJobSchema = z.object({
  objective: z.object({ method: text(200) }).passthrough(),
  label: text(200),
  method: text(200),
  params: record,
  baseline: z.boolean(),
  warmStartFrom: text(200).nullable(),
  forks: z.object({ init: text(200), shuffle: text(200) }).strict(),
}).strict();

/** The shape of a cell as load-sweep.ts builds it (its scenario is then validated as a scenario file). */
const cellSchema = z.object({
  key: text(100_000),
  id: z.string().regex(/^[0-9a-f]{16}$/, "must be 16 hex digits, as a sweep names its cells"),
  index: z.number().int().nonnegative(),
  scenarioRef: text(4096),
  scenarioName: text(200),
  scenarioFile: text(4096),
  scenario: record,
  objective: z.object({ method: text(200) }).passthrough(),
  jobs: z.array(plannedJobSchema).min(1).max(2),
  method: text(200),
  label: text(200),
  methodParams: record,
  q: finite.nullable(),
  beta: finite.nullable(),
  seed: z.number().int(),
  epochs: z.number().int().positive(),
  params: record,
}).strict();

const jobDataSchema = z.object({ cell: cellSchema, codeVersion: text(200) }).strict();

/** Validates a job's payload's shape (not yet its scenario): an InputError naming the first bad field (`cell.scenario`, `codeVersion`). */
export function parseJobShape(data: unknown): CellJobData {
  const parsed = jobDataSchema.safeParse(data);
  if (!parsed.success) throw toInputError("job", parsed.error);
  return parsed.data as unknown as CellJobData;
}

/**
 * Validates a cell's scenario exactly as a sweep validates its cells (the scenario schema: data
 * paths inside the data directory, known kinds and methods), and checks that its planned jobs are
 * what that scenario plans: a job cannot smuggle a plan its scenario would not make.
 */
export function checkCellScenario(cell: CellSpec): void {
  const scenario = parseScenario(cell.scenario, "job: cell.scenario");
  const planned = new Set(planJobs(scenario).map((p) => canonicalJson(p)));
  cell.jobs.forEach((job, k) => {
    if (!planned.has(canonicalJson(job))) throw new InputError(`job: cell.jobs[${k}]`, "is not a job its scenario plans");
  });
  if (canonicalJson(cell.objective) !== canonicalJson(cell.jobs[cell.jobs.length - 1].objective)) {
    throw new InputError("job: cell.objective", "is not its last job's objective");
  }
}

const rowSchema = z.object({
  method: text(200),
  methodLabel: text(200),
  q: finite.nullable(),
  qPlusOne: finite.nullable(),
  beta: finite.nullable(),
  seed: z.number().int(),
  variance: finite,
  mean: finite,
  c95MinusC5: finite,
  mse: finite,
  hNorm: finite,
  worst: finite,
  worstAlpha: finite,
  alpha: finite,
  jain: finite,
  epochs: z.number().int().nonnegative(),
  label: text(200),
  params: record,
}).strict();

const jobReturnSchema = z.object({
  result: z.object({
    row: rowSchema,
    agentIds: z.array(text(200)).min(1),
    // A NaN regret arrives as null (JSON has no NaN): refused here, never stored.
    agentMeanRegrets: z.array(finite).min(1),
    trainSeconds: finite.nonnegative(),
  }).strict().refine((r) => r.agentIds.length === r.agentMeanRegrets.length, { message: "agentIds and agentMeanRegrets differ in length", path: ["agentMeanRegrets"] }),
  worker: text(200),
  codeVersion: text(200),
}).strict();

/**
 * A completed job's return value (JSON text or its parsed value) as a CellJobReturn, or a one-line
 * reason naming the first bad field: a worker's malformed result fails its cell, not the coordinator.
 */
export function parseJobReturn(value: unknown): { ok: true; value: CellJobReturn } | { ok: false; reason: string } {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return { ok: false, reason: "not JSON" };
    }
  }
  const parsed = jobReturnSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data as unknown as CellJobReturn };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${fieldName(issue.path) || "(root)"}: ${issue.message}` };
}
