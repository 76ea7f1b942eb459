import fc from "fast-check";
import { disposePopulation, type AgentGroupFields, type AgentKind, type AgentKindCheck, type AgentPopulation } from "@equitable/core";
import { arbitrariesProperty, type ArbitrariesCase } from "./arbitraries-property.js";
import { ConformanceError, type ConformanceCheck } from "./conformance-failure.js";
import { formatKindCase } from "./format-kind-case.js";
import { kindCaseArbitrary, populationOf, type KindCase } from "./kind-case.js";
import { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED, type KindCheckOptions } from "./kind-check-options.js";
import type { KindCheckResult } from "./kind-check-result.js";
import { KIND_PROPERTIES, type KindProperty } from "./kind-properties.js";
import { traitsOf } from "./kind-traits.js";
import { missingCheck } from "./missing-check.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = AgentKind<any>;

/** A property's verdict, thrown so fast-check records it (anything else thrown is reported as "threw"). */
class Broken extends Error {}

const messageOf = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** The properties that apply to a kind, in run order ("arbitraries" first); throws what a kind without a usable `check` lacks. */
export function agentKindChecks(kind: AnyKind, seed: number = DEFAULT_KIND_SEED): ConformanceCheck[] {
  const missing = missingCheck(kind);
  if (missing) throw new TypeError(missing);
  let traits;
  try {
    traits = traitsOf(kind, kind.check!, seed);
  } catch {
    return ["arbitraries"]; // the arbitraries property reports why no case can be drawn
  }
  return ["arbitraries", ...KIND_PROPERTIES.filter((p) => p.applies(traits)).map((p) => p.name)];
}

function cloneCase(c: KindCase): KindCase {
  // Each run gets its own arrays: an impure population must not rewrite the counterexample.
  return { ...c, forecast: c.forecast.slice(), truth: c.truth.slice(), xi: c.xi.slice(), otherXi: c.otherXi.slice(), weights: c.weights.slice() };
}

function formatArbitrariesCase(c: ArbitrariesCase): string[] {
  const lines = [`drawn group: ${JSON.stringify(c.drawn)}`];
  if (c.horizon !== undefined) lines.push(`horizon ${c.horizon}`);
  if (c.xi) lines.push(`ξ of one sample: [${Array.from(c.xi).join(", ")}]`);
  return lines;
}

interface Run {
  readonly seed: number;
  readonly numRuns: number;
  readonly path?: string;
  readonly tolerance: number;
}

/** fast-check's verdict on one property, as a result (a failure carries the shrunk case, formatted). */
function resultOf<T>(kind: AnyKind, name: ConformanceCheck, run: Run, property: fc.IRawProperty<[T], false>, format: (c: T) => string[]): KindCheckResult {
  const base = { kind: kind.type, check: name, seed: run.seed };
  let details;
  try {
    details = fc.check(property, { seed: run.seed, numRuns: run.numRuns, path: run.path });
  } catch (err) {
    // fast-check lets errors of the arbitraries themselves through: no case could be drawn.
    return { ...base, runs: 0, failure: { message: `drawing a case threw ${messageOf(err)} (run the arbitraries check)`, counterexample: [], shrinks: 0 } };
  }
  if (!details.failed) return { ...base, runs: details.numRuns };
  const err = details.errorInstance;
  const message = err instanceof Broken ? err.message : `threw ${messageOf(err)}`;
  const counterexample = details.counterexample ? format(details.counterexample[0]) : [];
  return { ...base, runs: details.numRuns, failure: { message, counterexample, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks } };
}

function runKindProperty<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>, prop: KindProperty, run: Run): KindCheckResult {
  const gradientTolerance = check.gradientTolerance ?? 2e-2;
  const property = fc.property(kindCaseArbitrary(kind, check), (drawn) => {
    const c = cloneCase(drawn);
    const population = populationOf(kind, c.group, c.horizon);
    let verdict: string | undefined;
    try {
      verdict = prop.verdict(c, { check: check as AgentKindCheck<AgentGroupFields>, population, tolerance: run.tolerance, gradientTolerance });
    } catch (err) {
      verdict = `threw ${messageOf(err)}`;
    } finally {
      disposePopulation(population);
    }
    if (verdict !== undefined) throw new Broken(verdict);
  });
  const numRuns = run.path ? run.numRuns : Math.max(1, Math.round(run.numRuns * prop.share));
  return resultOf(kind, prop.name, { ...run, numRuns }, property, (c) => {
    let population: AgentPopulation | undefined;
    try {
      population = populationOf(kind, c.group, c.horizon);
    } catch {
      population = undefined;
    }
    return formatKindCase(c, population, prop.shows);
  });
}

/**
 * Runs every check of an agent kind as its own fast-check property over cases drawn from the
 * kind's `check` arbitraries (groups, horizons, ξ, signals): the population checks, own-context
 * for every agent, and with decision hooks feasibility, regrets against decisions and the fast
 * path against its ILP. A failure carries the shrunk case, the seed and the path that replays it.
 */
export function checkAgentKind(kind: AnyKind, options: KindCheckOptions = {}): KindCheckResult[] {
  const run: Run = {
    seed: options.seed ?? DEFAULT_KIND_SEED,
    numRuns: options.numRuns ?? DEFAULT_KIND_RUNS,
    path: options.path,
    tolerance: options.tolerance ?? 1e-9,
  };
  if (!Number.isInteger(run.numRuns) || run.numRuns < 1) throw new RangeError(`checkAgentKind: numRuns must be an integer ≥ 1, got ${run.numRuns}`);
  const results: KindCheckResult[] = [];
  const report = (r: KindCheckResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  const missing = missingCheck(kind);
  if (missing) {
    report({ kind: kind.type, check: "arbitraries", runs: 0, seed: run.seed, failure: { message: missing, counterexample: [], shrinks: 0 } });
    return results;
  }
  const check = kind.check!;
  const applicable = agentKindChecks(kind, run.seed);
  const wanted = options.checks ?? applicable;
  const unknown = wanted.filter((c) => !applicable.includes(c));
  if (unknown.length > 0) throw new RangeError(`checkAgentKind: ${unknown.join(", ")} does not apply to kind '${kind.type}' (its checks: ${applicable.join(", ")})`);
  if (run.path !== undefined && wanted.length !== 1) throw new RangeError(`checkAgentKind: a path replays one check; got ${wanted.length}`);
  for (const name of applicable.filter((c) => wanted.includes(c))) {
    if (name === "arbitraries") {
      const property = arbitrariesProperty(kind, check);
      const r = resultOf(kind, name, run, property, formatArbitrariesCase);
      report(r);
      if (r.failure) break; // every other property draws from the same arbitraries
      continue;
    }
    report(runKindProperty(kind, check, KIND_PROPERTIES.find((p) => p.name === name)!, run));
  }
  return results;
}

/** {@link checkAgentKind}, throwing one {@link ConformanceError} listing every failure with its case, seed and path. */
export function assertConformingKind(kind: AnyKind, options: KindCheckOptions = {}): void {
  const failed = checkAgentKind(kind, options).filter((r) => r.failure);
  if (failed.length === 0) return;
  throw new ConformanceError(`agent kind "${kind.type}"`, failed.map((r) => ({
    check: r.check,
    message: [r.failure!.message, ...r.failure!.counterexample, `seed ${r.seed}${r.failure!.path ? `, path "${r.failure!.path}"` : ""}`].join("\n    "),
  })));
}
