import { InputError } from "@equitable/core";
import lpModule, { type ConstraintBound, type Model, type SolverAPI, type VariableCoefficients } from "javascript-lp-solver";
import { whereIn, type InstanceRef } from "./instance-ref.js";
import { InfeasibleProblemError, UnboundedProblemError } from "./problem-errors.js";

/** A decision variable: its objective coefficient, bounds (default [0, +∞)) and integrality. */
export interface VariableSpec {
  name: string;
  cost: number;
  lower?: number;
  upper?: number;
  integer?: boolean;
}

/** A linear row min ≤ Σ coefficients[v]·v ≤ max (or = equal); variables left out have coefficient 0. */
export interface ConstraintSpec {
  name: string;
  coefficients: Record<string, number>;
  min?: number;
  max?: number;
  equal?: number;
}

/** An LP, or an ILP when some variable has `integer: true`. */
export interface LinearProgram {
  sense: "minimize" | "maximize";
  variables: readonly VariableSpec[];
  constraints: readonly ConstraintSpec[];
}

/** The optimum: objective Σ cost·value and the values in `variables` order. */
export interface LpSolution {
  objective: number;
  values: Float64Array;
}

/**
 * javascript-lp-solver reports values rounded to this absolute step (its default precision), and
 * accepts |x − round(x)| ≤ this as integral. The post-check below allows for it.
 */
export const LP_SOLVER_PRECISION = 1e-8;

// The package's index.d.ts is read as CommonJS (its package.json has no "type": "module"), so
// TypeScript puts the solver at `.default`; at run time Node loads index.mjs (or index.cjs), whose
// default export (module.exports) is the solver itself. Accept both shapes.
const lpSolver: SolverAPI =
  (lpModule as unknown as { default?: SolverAPI }).default ?? (lpModule as unknown as SolverAPI);

// Internal names only: user names could collide with the solver's result keys ("feasible",
// "result", "bounded") or with the objective attribute, and a variable named like the objective
// makes the solver optimise that variable instead.
const OBJECTIVE = "objective";
const variableKey = (i: number) => `x${i}`;

/** Solves an LP/ILP with javascript-lp-solver; throws InfeasibleProblemError / UnboundedProblemError. */
export function solveLinearProgram(lp: LinearProgram, ref?: InstanceRef): LpSolution {
  const { model, hasIntegers } = toSolverModel(lp, ref);
  const kind = hasIntegers ? "integer linear" : "linear";
  // A Model argument gives back the simplified record: feasible / result / bounded / nonzero values.
  const raw = lpSolver.Solve(model) as Record<string, unknown>;
  if (raw.feasible !== true) {
    throw new InfeasibleProblemError(kind, `no point satisfies all ${lp.constraints.length} constraints and the variable bounds`, ref);
  }
  if (raw.bounded === false) {
    throw new UnboundedProblemError(kind, `the objective can ${lp.sense === "minimize" ? "decrease" : "increase"} without limit`, ref);
  }
  const n = lp.variables.length;
  const values = new Float64Array(n);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[variableKey(i)];
    // Zero values are left out of the record.
    let x = typeof v === "number" ? v : 0;
    if (lp.variables[i].integer === true) x = Math.round(x);
    values[i] = x;
    objective += lp.variables[i].cost * x;
  }
  checkFeasible(lp, values);
  return { objective, values };
}

function toSolverModel(lp: LinearProgram, ref: InstanceRef | undefined): { model: Model; hasIntegers: boolean } {
  if (lp === null || typeof lp !== "object") throw new InputError(whereIn(ref, "linear program"), "must be an object");
  if (lp.sense !== "minimize" && lp.sense !== "maximize") {
    throw new InputError(whereIn(ref, "sense"), `must be "minimize" or "maximize", got ${JSON.stringify(lp.sense)}`);
  }
  if (!Array.isArray(lp.variables)) throw new InputError(whereIn(ref, "variables"), "must be an array");
  if (!Array.isArray(lp.constraints)) throw new InputError(whereIn(ref, "constraints"), "must be an array");
  const indexByName = new Map<string, number>();
  const variables: Record<string, VariableCoefficients> = {};
  const constraints: Record<string, ConstraintBound> = {};
  const ints: Record<string, 1> = {};
  const unrestricted: Record<string, 1> = {};
  let hasIntegers = false;
  lp.variables.forEach((spec, i) => {
    const at = (field: string) => whereIn(ref, `variables[${i}]${field}`);
    if (typeof spec?.name !== "string" || spec.name === "") throw new InputError(at(".name"), "must be a non-empty string");
    if (indexByName.has(spec.name)) {
      throw new InputError(at(".name"), `duplicate variable name "${spec.name}" (also variables[${indexByName.get(spec.name)}])`);
    }
    indexByName.set(spec.name, i);
    if (!Number.isFinite(spec.cost)) throw new InputError(at(".cost"), `must be a finite number, got ${spec.cost}`);
    const lower = spec.lower ?? 0;
    const upper = spec.upper ?? Number.POSITIVE_INFINITY;
    if (Number.isNaN(lower) || lower === Number.POSITIVE_INFINITY) throw new InputError(at(".lower"), `must be a number below +Infinity, got ${lower}`);
    if (Number.isNaN(upper) || upper === Number.NEGATIVE_INFINITY) throw new InputError(at(".upper"), `must be a number above -Infinity, got ${upper}`);
    if (lower > upper) throw new InputError(at(""), `lower bound ${lower} > upper bound ${upper} for "${spec.name}"`);
    const key = variableKey(i);
    const coefficients: VariableCoefficients = { [OBJECTIVE]: spec.cost };
    // The solver's variables are ≥ 0 unless "unrestricted"; other bounds are one-variable rows.
    if (lower < 0) unrestricted[key] = 1;
    const bound: ConstraintBound = {};
    if (lower !== 0 && Number.isFinite(lower)) bound.min = lower;
    if (Number.isFinite(upper)) bound.max = upper;
    if (bound.min !== undefined || bound.max !== undefined) {
      constraints[`bound${i}`] = bound;
      coefficients[`bound${i}`] = 1;
    }
    if (spec.integer === true) {
      ints[key] = 1;
      hasIntegers = true;
    } else if (spec.integer !== undefined && spec.integer !== false) {
      throw new InputError(at(".integer"), `must be a boolean, got ${JSON.stringify(spec.integer)}`);
    }
    variables[key] = coefficients;
  });
  const constraintNames = new Map<string, number>();
  lp.constraints.forEach((spec, j) => {
    const at = (field: string) => whereIn(ref, `constraints[${j}]${field}`);
    if (typeof spec?.name !== "string" || spec.name === "") throw new InputError(at(".name"), "must be a non-empty string");
    if (constraintNames.has(spec.name)) {
      throw new InputError(at(".name"), `duplicate constraint name "${spec.name}" (also constraints[${constraintNames.get(spec.name)}])`);
    }
    constraintNames.set(spec.name, j);
    if (spec.coefficients === null || typeof spec.coefficients !== "object") throw new InputError(at(".coefficients"), "must be an object");
    const bound: ConstraintBound = {};
    if (spec.equal !== undefined) {
      if (!Number.isFinite(spec.equal)) throw new InputError(at(".equal"), `must be a finite number, got ${spec.equal}`);
      if (spec.min !== undefined || spec.max !== undefined) throw new InputError(at(""), `"${spec.name}" has equal together with min/max`);
      bound.equal = spec.equal;
    } else {
      // ±Infinity on the open side means "no bound".
      if (spec.min !== undefined) {
        if (Number.isNaN(spec.min) || spec.min === Number.POSITIVE_INFINITY) throw new InputError(at(".min"), `must be a number below +Infinity, got ${spec.min}`);
        if (spec.min !== Number.NEGATIVE_INFINITY) bound.min = spec.min;
      }
      if (spec.max !== undefined) {
        if (Number.isNaN(spec.max) || spec.max === Number.NEGATIVE_INFINITY) throw new InputError(at(".max"), `must be a number above -Infinity, got ${spec.max}`);
        if (spec.max !== Number.POSITIVE_INFINITY) bound.max = spec.max;
      }
      if (bound.min !== undefined && bound.max !== undefined && bound.min > bound.max) {
        throw new InputError(at(""), `min ${bound.min} > max ${bound.max} for "${spec.name}"`);
      }
    }
    const key = `row${j}`;
    for (const [name, a] of Object.entries<number>(spec.coefficients)) {
      const i = indexByName.get(name);
      if (i === undefined) throw new InputError(at(`.coefficients.${name}`), `unknown variable "${name}"`);
      if (!Number.isFinite(a)) throw new InputError(at(`.coefficients.${name}`), `must be a finite number, got ${a}`);
      if (a !== 0) variables[variableKey(i)][key] = a;
    }
    if (bound.min !== undefined || bound.max !== undefined || bound.equal !== undefined) constraints[key] = bound;
  });
  const model: Model = {
    optimize: OBJECTIVE,
    opType: lp.sense === "minimize" ? "min" : "max",
    constraints,
    variables,
    ints,
    unrestricted,
  };
  return { model, hasIntegers };
}

/** Guards against a solver bug passing off an infeasible point as optimal. */
function checkFeasible(lp: LinearProgram, values: Float64Array): void {
  const tolerance = (scale: number, absSum: number) => 1e-7 * (1 + scale) + LP_SOLVER_PRECISION * absSum;
  lp.variables.forEach((spec, i) => {
    const x = values[i];
    const lower = spec.lower ?? 0;
    const upper = spec.upper ?? Number.POSITIVE_INFINITY;
    const tol = tolerance(Math.abs(x), 1);
    if (x < lower - tol || x > upper + tol) {
      throw new Error(`javascript-lp-solver returned ${spec.name} = ${x} outside [${lower}, ${upper}]`);
    }
  });
  const indexByName = new Map<string, number>(lp.variables.map((v, i) => [v.name, i]));
  for (const spec of lp.constraints) {
    let lhs = 0;
    let magnitude = 0;
    let absCoefficients = 0;
    for (const [name, a] of Object.entries(spec.coefficients)) {
      const term = a * values[indexByName.get(name)!];
      lhs += term;
      magnitude += Math.abs(term);
      absCoefficients += Math.abs(a);
    }
    const min = spec.equal ?? spec.min ?? Number.NEGATIVE_INFINITY;
    const max = spec.equal ?? spec.max ?? Number.POSITIVE_INFINITY;
    const tol = tolerance(magnitude + Math.abs(Number.isFinite(min) ? min : 0) + Math.abs(Number.isFinite(max) ? max : 0), absCoefficients);
    if (lhs < min - tol || lhs > max + tol) {
      throw new Error(`javascript-lp-solver returned a point with constraint ${spec.name} = ${lhs} outside [${min}, ${max}]`);
    }
  }
}
