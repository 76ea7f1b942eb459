import fc from "fast-check";
import { trainingMethodProblem } from "@equitable/core";
import { ConformanceError, type ConformanceCheck } from "./conformance-failure.js";
import { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED } from "./kind-check-options.js";
import { formatMethodCase, methodCaseArbitrary, type AnyMethod } from "./method-case.js";
import {
  DEFAULT_DERIVATIVE_TOLERANCE, DEFAULT_TENSOR_TOLERANCE, type MethodCheckOptions, type MethodCheckResult,
} from "./method-check-options.js";
import { METHOD_PROPERTIES, type MethodTolerances } from "./method-properties.js";

/** A property's verdict, thrown so fast-check records it (anything else thrown is reported as "threw"). */
class Broken extends Error {}

const messageOf = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** The properties that apply to a method, in run order. */
export function trainingMethodChecks(method: AnyMethod): ConformanceCheck[] {
  return METHOD_PROPERTIES.filter((p) => p.applies(method)).map((p) => p.name);
}

/**
 * Runs every check of a training method as its own fast-check property over drawn scenario
 * settings and regrets: options errors name the field, the method is deterministic, tensorLoss
 * agrees with value, and weights agree with central differences of value. A failure carries the
 * shrunk case, the seed and the path that replays it (`equitable check … --method`).
 */
export function checkTrainingMethod(method: AnyMethod, options: MethodCheckOptions = {}): MethodCheckResult[] {
  const seed = options.seed ?? DEFAULT_KIND_SEED;
  const numRuns = options.numRuns ?? DEFAULT_KIND_RUNS;
  const tol: MethodTolerances = {
    tensor: options.tensorTolerance ?? DEFAULT_TENSOR_TOLERANCE,
    derivative: options.derivativeTolerance ?? DEFAULT_DERIVATIVE_TOLERANCE,
  };
  if (!Number.isInteger(numRuns) || numRuns < 1) throw new RangeError(`checkTrainingMethod: numRuns must be an integer ≥ 1, got ${numRuns}`);
  const results: MethodCheckResult[] = [];
  const report = (r: MethodCheckResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  const name = typeof method?.name === "string" ? method.name : String(method?.name);
  // The registry's own test first: a method it would refuse cannot be called safely.
  const problem = trainingMethodProblem(method);
  if (problem) {
    report({ method: name, check: "options-name-field", runs: 0, seed, failure: { message: problem, counterexample: [], shrinks: 0 } });
    return results;
  }
  const applicable = trainingMethodChecks(method);
  const wanted = options.checks ?? applicable;
  const unknown = wanted.filter((c) => !applicable.includes(c));
  if (unknown.length > 0) throw new RangeError(`checkTrainingMethod: ${unknown.join(", ")} does not apply to method '${name}' (its checks: ${applicable.join(", ")})`);
  if (options.path !== undefined && wanted.length !== 1) throw new RangeError(`checkTrainingMethod: a path replays one check; got ${wanted.length}`);
  for (const prop of METHOD_PROPERTIES.filter((p) => wanted.includes(p.name) && applicable.includes(p.name))) {
    const property = fc.property(methodCaseArbitrary, (c) => {
      let verdict: string | undefined;
      try {
        verdict = prop.verdict(method, c, tol);
      } catch (err) {
        verdict = `threw ${messageOf(err)}`.split("\n")[0];
      }
      if (verdict !== undefined) throw new Broken(verdict);
    });
    const details = fc.check(property, { seed, numRuns, path: options.path });
    const base = { method: name, check: prop.name, seed, runs: details.numRuns };
    if (!details.failed) {
      report(base);
      continue;
    }
    const err = details.errorInstance;
    const message = err instanceof Broken ? err.message : `threw ${messageOf(err)}`;
    const counterexample = details.counterexample ? formatMethodCase(method, details.counterexample[0]) : [];
    report({ ...base, failure: { message, counterexample, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks } });
  }
  return results;
}

/** {@link checkTrainingMethod}, throwing one {@link ConformanceError} listing every failure with its case, seed and path. */
export function assertConformingMethod(method: AnyMethod, options: MethodCheckOptions = {}): void {
  const failed = checkTrainingMethod(method, options).filter((r) => r.failure);
  if (failed.length === 0) return;
  throw new ConformanceError(`training method "${method.name}"`, failed.map((r) => ({
    check: r.check,
    message: [r.failure!.message, ...r.failure!.counterexample, `seed ${r.seed}${r.failure!.path ? `, path "${r.failure!.path}"` : ""}`].join("\n    "),
  })));
}
