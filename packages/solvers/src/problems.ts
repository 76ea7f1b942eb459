import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import type { LinearProgram } from "./linear-program.js";
import { InfeasibleProblemError } from "./problem-errors.js";

/** Choose exactly k of T slots (binary), minimising Σ costs_t·x_t: the EV / phone charging ILP (Eq. 13, uniform rate). */
export interface KCheapestProblem {
  kind: "k-cheapest";
  costs: ArrayLike<number>;
  k: number;
}

/** min Σ costs_t·x_t s.t. Σ x_t = total, 0 ≤ x_t ≤ upper_t (upper_t may be +Infinity): an LP with one sum row. */
export interface SingleSumProblem {
  kind: "single-sum";
  costs: ArrayLike<number>;
  upper: ArrayLike<number>;
  total: number;
}

/** Every problem kind the registry knows. */
export type Problem = KCheapestProblem | SingleSumProblem;

/** "k-cheapest" | "single-sum". */
export type ProblemKind = Problem["kind"];

/** The problem type of one kind. */
export type ProblemOfKind<K extends ProblemKind> = Extract<Problem, { kind: K }>;

/** A k-cheapest decision is x ∈ {0,1}^T (Uint8Array); a single-sum decision is x ∈ ℝ^T (Float64Array). */
export type DecisionOf<P extends Problem> = P extends KCheapestProblem ? Uint8Array : Float64Array;

/** The problem kinds, in a fixed order. */
export const PROBLEM_KINDS: readonly ProblemKind[] = ["k-cheapest", "single-sum"];

/** Throws InputError (malformed) or InfeasibleProblemError (no feasible x) naming the agent/instance and field. */
export function validateProblem(problem: Problem, ref?: InstanceRef): void {
  if (problem === null || typeof problem !== "object") throw new InputError(whereIn(ref, "problem"), "must be an object");
  const slots = checkFiniteArray(problem.costs, "costs", ref);
  if (problem.kind === "k-cheapest") {
    const { k } = problem;
    if (typeof k !== "number" || !Number.isInteger(k)) throw new InputError(whereIn(ref, "k"), `must be an integer, got ${k}`);
    if (k < 0) throw new InfeasibleProblemError("k-cheapest", `k = ${k} < 0`, ref);
    if (k > slots) throw new InfeasibleProblemError("k-cheapest", `k = ${k} > ${slots} slots`, ref);
  } else if (problem.kind === "single-sum") {
    const n = checkArrayLike(problem.upper, "upper", ref);
    if (n !== slots) throw new InputError(whereIn(ref, "upper"), `has ${n} slots, costs has ${slots}`);
    let sumUpper = 0;
    for (let t = 0; t < n; t++) {
      const u = problem.upper[t];
      // +Infinity is allowed: an uncapped slot.
      if (typeof u !== "number" || Number.isNaN(u) || u < 0) throw new InputError(whereIn(ref, `upper[${t}]`), `must be a number ≥ 0, got ${u}`);
      sumUpper += u;
    }
    const { total } = problem;
    if (typeof total !== "number" || !Number.isFinite(total)) throw new InputError(whereIn(ref, "total"), `must be a finite number, got ${total}`);
    if (total < 0) throw new InfeasibleProblemError("single-sum", `total = ${total} < 0`, ref);
    if (total > sumUpper) throw new InfeasibleProblemError("single-sum", `total = ${total} > ${sumUpper} = Σ upper`, ref);
  } else {
    throw unknownKind(problem, ref);
  }
}

/** The InputError for a problem whose kind is none of PROBLEM_KINDS. */
export function unknownKind(problem: { kind?: unknown }, ref?: InstanceRef): InputError {
  return new InputError(whereIn(ref, "kind"), `unknown problem kind ${JSON.stringify(problem.kind)}; known kinds: ${PROBLEM_KINDS.join(", ")}`);
}

/** The LP/ILP formulation of a problem: variables x0..x{T−1}, one sum row. */
export function toLinearProgram(problem: Problem): LinearProgram {
  const slots = problem.costs.length;
  if (problem.kind === "k-cheapest") {
    const variables = Array.from({ length: slots }, (_, t) => ({ name: `x${t}`, cost: problem.costs[t], lower: 0, upper: 1, integer: true }));
    return { sense: "minimize", variables, constraints: [{ name: "choose-k", coefficients: ones(slots), equal: problem.k }] };
  }
  if (problem.kind === "single-sum") {
    const variables = Array.from({ length: slots }, (_, t) => ({ name: `x${t}`, cost: problem.costs[t], lower: 0, upper: problem.upper[t] }));
    return { sense: "minimize", variables, constraints: [{ name: "total", coefficients: ones(slots), equal: problem.total }] };
  }
  throw unknownKind(problem);
}

/** Σ_t costs_t·x_t of a decision. */
export function objectiveOf(problem: Problem, decision: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < problem.costs.length; t++) if (decision[t] !== 0) sum += problem.costs[t] * decision[t];
  return sum;
}

function ones(slots: number): Record<string, number> {
  const coefficients: Record<string, number> = {};
  for (let t = 0; t < slots; t++) coefficients[`x${t}`] = 1;
  return coefficients;
}

function checkArrayLike(values: ArrayLike<number>, field: string, ref: InstanceRef | undefined): number {
  const n = (values as { length?: unknown } | null | undefined)?.length;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new InputError(whereIn(ref, field), "must be an array of numbers");
  return n;
}

function checkFiniteArray(values: ArrayLike<number>, field: string, ref: InstanceRef | undefined): number {
  const n = checkArrayLike(values, field, ref);
  for (let t = 0; t < n; t++) {
    const v = values[t];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(whereIn(ref, `${field}[${t}]`), `must be a finite number, got ${v}`);
  }
  return n;
}
