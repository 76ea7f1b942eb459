import { trainingMethods } from "@equitable/core";
import type { Evaluation } from "@equitable/trainer";
import type { PlannedJob } from "./plan-jobs.js";

/**
 * The one result row of a trained model: what summary.json, regrets.csv, the tables and a sweep's
 * database all carry. `q` is the paper's q in Σ_m C̄_m^(q+1) (Eq. 2), null for methods without one
 * (Plain PM); `qPlusOne` is the exponent itself, the number the paper's tables print.
 */
export interface ResultRow {
  /** The registered method's name ("plain", "equitable", a plugin's). */
  method: string;
  /** The method's table label ("Plain PM"). */
  methodLabel: string;
  q: number | null;
  qPlusOne: number | null;
  beta: number | null;
  seed: number;
  variance: number;
  mean: number;
  c95MinusC5: number;
  mse: number;
  hNorm: number;
  worst: number;
  /** Mean regret of the worst-off ⌈α·M⌉ agents, α = `alpha`. */
  worstAlpha: number;
  /** The scenario's α behind `worstAlpha`. */
  alpha: number;
  jain: number;
  /** Epochs the model has seen in all (a warm-started model counts its baseline's). */
  epochs: number;
  /** The job's label (its files' and table row's name): tells apart two rows of one method. */
  label: string;
  /** The method's own parameters (the objective less `method`): IRWO's distance, a plug-in's tilt. */
  params: Record<string, unknown>;
}

/** The equity metrics of a row, in the tables' order (a sweep's database stores each as a column). */
export const METRICS = ["variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "worstAlpha", "jain"] as const satisfies readonly (keyof ResultRow)[];

/** The equity metrics of a row by name. */
export type RowMetrics = Pick<ResultRow, (typeof METRICS)[number]>;

/**
 * Builds the result row of a trained and evaluated model; the method's own summary gives q, q+1 and β.
 * No timings: the same seed must give a byte-identical summary.json (run.json keeps trainSeconds).
 */
export function resultRow(job: Pick<PlannedJob, "objective" | "label">, evaluation: Evaluation, seed: number, epochs: number): ResultRow {
  const method = trainingMethods.require(job.objective.method, "objective.method");
  const { q, qPlusOne, beta } = method.summary(job.objective);
  const { method: _name, ...params } = job.objective;
  return {
    method: method.name,
    methodLabel: method.label,
    q,
    qPlusOne,
    beta,
    seed,
    variance: evaluation.variance,
    mean: evaluation.mean,
    c95MinusC5: evaluation.c95MinusC5,
    mse: evaluation.mse,
    hNorm: evaluation.hNorm,
    worst: evaluation.worst,
    worstAlpha: evaluation.worstAlpha,
    alpha: evaluation.alpha,
    jain: evaluation.jain,
    epochs,
    label: job.label,
    params,
  };
}

/** A row's method parameters as `key=value` pairs joined by `;` (no commas: a CSV cell, a table cell). */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(";");
}
