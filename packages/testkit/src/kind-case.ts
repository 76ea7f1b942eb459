import fc, { type Arbitrary } from "fast-check";
import { disposePopulation, type AgentGroupFields, type AgentKind, type AgentKindCheck, type AgentPopulation } from "@equitable/core";
import type { DrawnBatch } from "./draw-batch.js";

/** Most samples in a drawn batch: enough for rows-independent, few enough to shrink fast. */
export const MAX_BATCH = 4;

/** One drawn input of a kind's properties: a group, its horizon, and a batch in its agents' domain. */
export interface KindCase<G extends AgentGroupFields = AgentGroupFields> {
  /** The group, as the kind's schema parses it (defaults filled in). */
  readonly group: G;
  readonly horizon: number;
  readonly batch: number;
  /** B×H forecast and truth. */
  readonly forecast: Float64Array;
  readonly truth: Float64Array;
  /** B×M×xiWidth ξ, and a second draw that own-context swaps in agent by agent. */
  readonly xi: Float64Array;
  readonly otherXi: Float64Array;
  /** B×M weights in [0, 1] of the gradient check's Σ W⊙C. */
  readonly weights: Float64Array;
}

/** A group drawn by a kind's arbitrary, parsed by its schema as a scenario's would be (so arbitraries may omit defaults). */
export function parseGroup<G extends AgentGroupFields>(kind: AgentKind<G>, drawn: G): G {
  const { type: _type, ...fields } = drawn as AgentGroupFields & Record<string, unknown>;
  return { type: kind.type, ...kind.fields.parse(fields) } as unknown as G;
}

/** The population the world builder would make for a group at a horizon (ids `<type>-<j>`). */
export function populationOf<G extends AgentGroupFields>(kind: AgentKind<G>, group: G, horizon: number): AgentPopulation {
  const ids = Array.from({ length: group.count }, (_, j) => `${kind.type}-${j}`);
  return kind.population(group, { horizon, ids });
}

/** The horizons a group may be checked at: the kind's own arbitrary, else its minHorizon (or 1). */
export function horizonsOf<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>, group: G): Arbitrary<number> {
  return check.horizon ? check.horizon(group) : fc.constant(kind.minHorizon ?? 1);
}

/** The batch part of a case, as the population checks take it. */
export function batchOf(c: KindCase): DrawnBatch {
  return { batch: c.batch, forecast: c.forecast, truth: c.truth, xi: c.xi };
}

function concat(rows: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of rows) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/**
 * Cases drawn from the kind's own arbitraries: group → horizon → 1 to MAX_BATCH samples, each with
 * forecast and truth in the signal range, every agent's ξ, a second ξ and gradient weights. Samples
 * are array elements, so shrinking drops the ones a failure does not need; it also tends towards
 * few agents and signals at the bottom of the range.
 */
export function kindCaseArbitrary<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>): Arbitrary<KindCase<G>> {
  const [lo, hi] = check.signalRange ?? [0.5, 10];
  const value = fc.double({ min: lo, max: hi, noNaN: true });
  const exactly = (n: number) => ({ minLength: n, maxLength: n });
  return check.group.map((g) => parseGroup(kind, g)).chain((group) =>
    horizonsOf(kind, check, group).chain((horizon) => {
      // Only the shape is read here; each property builds its own population from the case.
      const population = populationOf(kind, group, horizon);
      const xiOfSample = check.xi(population, group);
      const m = population.ids.length;
      disposePopulation(population);
      const sample = fc.record({
        forecast: fc.array(value, exactly(horizon)),
        truth: fc.array(value, exactly(horizon)),
        xi: xiOfSample,
        otherXi: xiOfSample,
        weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), exactly(m)),
      });
      return fc.array(sample, { minLength: 1, maxLength: MAX_BATCH }).map((samples): KindCase<G> => ({
        group,
        horizon,
        batch: samples.length,
        forecast: Float64Array.from(samples.flatMap((s) => s.forecast)),
        truth: Float64Array.from(samples.flatMap((s) => s.truth)),
        xi: concat(samples.map((s) => s.xi)),
        otherXi: concat(samples.map((s) => s.otherXi)),
        weights: Float64Array.from(samples.flatMap((s) => s.weights)),
      }));
    }),
  );
}
