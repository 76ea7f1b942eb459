import type { AgentGroupFields, AgentPopulation, DecisionHooks } from "@equitable/core";
import type { DrawnBatch } from "./draw-batch.js";
import type { Verdict } from "./float-checks.js";

/** Relative tolerance of a fast path's objective against javascript-lp-solver's (its precision is 1e-8 absolute). */
export const LP_TOLERANCE = 1e-6;

/** A decision as the messages print it: a number, or a list. */
export function formatDecision(x: ArrayLike<number>): string {
  return x.length === 1 ? String(x[0]) : `[${Array.from(x).join(", ")}]`;
}

/** Everything a decision check reads: the hooks, the population and group they decide for, a batch. */
export interface DecisionSubject<G extends AgentGroupFields = AgentGroupFields> {
  readonly hooks: DecisionHooks<G>;
  readonly population: AgentPopulation;
  readonly group: G;
  readonly batch: DrawnBatch;
}

/** Every agent's decisions on every sample under one signal (B×H), with a reader for one agent's. */
function decisionsOf<G extends AgentGroupFields>(s: DecisionSubject<G>, signal: Float64Array, what: string) {
  const { hooks, population, group, batch } = s;
  const m = population.ids.length;
  const width = hooks.width(population, group);
  const all = hooks.decide(population, group, signal, batch.xi, batch.batch);
  const expected = batch.batch * m * width;
  const problem = all.length === expected ? undefined : `decide on the ${what} returned ${all.length} values, expected ${batch.batch}×${m}×${width}`;
  return { problem, of: (r: number, j: number) => all.subarray((r * m + j) * width, (r * m + j + 1) * width) };
}

function rowOf(values: Float64Array, r: number, width: number): Float64Array {
  return values.subarray(r * width, (r + 1) * width);
}

function xiRowOf(s: DecisionSubject, r: number): Float64Array {
  const w = s.population.ids.length * s.population.xiWidth;
  return rowOf(s.batch.xi, r, w);
}

/** Every decision the fast policy takes, for the forecast and for the truth, satisfies the agent's constraints. */
export function checkFeasible<G extends AgentGroupFields>(s: DecisionSubject<G>): Verdict {
  const { hooks, population, group, batch } = s;
  for (const [what, signal] of [["forecast", batch.forecast], ["truth", batch.truth]] as const) {
    const d = decisionsOf(s, signal, what);
    if (d.problem) return d.problem;
    for (let r = 0; r < batch.batch; r++) {
      for (let j = 0; j < population.ids.length; j++) {
        const x = d.of(r, j);
        const why = hooks.violation(x, xiRowOf(s, r), j, population, group);
        if (why !== undefined) return `sample ${r}, agent ${population.ids[j]}: the decision on the ${what}, ${formatDecision(x)}, is infeasible: ${why}`;
      }
    }
  }
  return undefined;
}

/**
 * The regrets are the decisions' cost difference under the truth, C = cost(π(ŷ), y) − cost(π(y), y):
 * the population's fast regret kernel and the kind's decisions describe the same agents.
 */
export function checkRegretMatchesDecisions<G extends AgentGroupFields>(s: DecisionSubject<G>, regrets: Float64Array, tolerance: number): Verdict {
  const { hooks, population, group, batch } = s;
  const m = population.ids.length;
  const h = batch.forecast.length / batch.batch;
  const byForecast = decisionsOf(s, batch.forecast, "forecast");
  const byTruth = decisionsOf(s, batch.truth, "truth");
  if (byForecast.problem || byTruth.problem) return byForecast.problem ?? byTruth.problem;
  for (let r = 0; r < batch.batch; r++) {
    const y = rowOf(batch.truth, r, h);
    const xi = xiRowOf(s, r);
    for (let j = 0; j < m; j++) {
      const paid = hooks.objective(byForecast.of(r, j), xi, y, j, population, group);
      const best = hooks.objective(byTruth.of(r, j), xi, y, j, population, group);
      const expected = paid - best;
      const got = regrets[r * m + j];
      if (!(Math.abs(got - expected) <= tolerance * (1 + Math.abs(paid) + Math.abs(best)))) {
        return `sample ${r}, agent ${population.ids[j]}: regret ${got}, but its decisions cost ${paid} (on the forecast) − ${best} (on the truth) = ${expected} under the truth`;
      }
    }
  }
  return undefined;
}

/**
 * A declared fast path is exact: its decision on the forecast costs what the LP/ILP's (javascript-lp-solver)
 * costs under the forecast, and the ILP's decision is feasible. Decisions may differ on ties.
 */
export function checkFastPathMatchesIlp<G extends AgentGroupFields>(s: DecisionSubject<G>): Verdict {
  const { hooks, population, group, batch } = s;
  if (!hooks.exact) return "the kind's decisions declare no `exact` (LP/ILP) solution to compare with";
  const m = population.ids.length;
  const h = batch.forecast.length / batch.batch;
  const fast = decisionsOf(s, batch.forecast, "forecast");
  if (fast.problem) return fast.problem;
  for (let r = 0; r < batch.batch; r++) {
    const f = rowOf(batch.forecast, r, h);
    const xi = xiRowOf(s, r);
    for (let j = 0; j < m; j++) {
      const x = fast.of(r, j);
      const exact = hooks.exact(f, xi, j, population, group);
      const why = hooks.violation(exact, xi, j, population, group);
      const id = population.ids[j];
      if (why !== undefined) return `sample ${r}, agent ${id}: the ILP's decision ${formatDecision(exact)} is infeasible: ${why}`;
      const byFast = hooks.objective(x, xi, f, j, population, group);
      const byIlp = hooks.objective(exact, xi, f, j, population, group);
      if (!(Math.abs(byFast - byIlp) <= LP_TOLERANCE * (1 + Math.abs(byIlp)))) {
        return `sample ${r}, agent ${id}: the fast path's ${formatDecision(x)} costs ${byFast} under the forecast, the ILP's ${formatDecision(exact)} costs ${byIlp}`;
      }
    }
  }
  return undefined;
}
