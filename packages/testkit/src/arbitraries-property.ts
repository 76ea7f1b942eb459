import fc, { type Arbitrary } from "fast-check";
import type { AgentGroupFields, AgentKind, AgentKindCheck, AgentPopulation } from "@equitable/core";
import { horizonsOf, parseGroup, populationOf } from "./kind-case.js";

/** What the arbitraries property draws: the raw group, and either a problem or a population and one sample's ξ. */
export interface ArbitrariesCase {
  readonly drawn: unknown;
  readonly horizon?: number;
  readonly problem?: string;
  readonly population?: AgentPopulation;
  readonly xi?: Float64Array;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0];

function zodIssues(err: unknown): string {
  const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues;
  return issues ? issues.map((i) => `${i.path.join(".") || "(group)"}: ${i.message}`).join("; ") : messageOf(err);
}

/** The group the kind's fields accept, its horizon, refine's verdict and the population, each failure as a problem. */
function drawnCases<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>): Arbitrary<ArbitrariesCase> {
  return check.group.chain((drawn): Arbitrary<ArbitrariesCase> => {
    let group: G;
    try {
      group = parseGroup(kind, drawn);
    } catch (err) {
      return fc.constant({ drawn, problem: `check.group drew a group the kind's fields refuse: ${zodIssues(err)}` });
    }
    return horizonsOf(kind, check, group).chain((horizon): Arbitrary<ArbitrariesCase> => {
      const min = kind.minHorizon ?? 1;
      if (!Number.isInteger(horizon) || horizon < min) return fc.constant({ drawn, horizon, problem: `horizon ${horizon} is not an integer ≥ the kind's minHorizon ${min}` });
      const issues: string[] = [];
      // The window is the public model's input length; no built-in refine reads it, so any value fits.
      kind.refine?.(group, { window: 24, horizon }, (field, message) => issues.push(`${field}: ${message}`));
      if (issues.length > 0) return fc.constant({ drawn, horizon, problem: `the group fails the kind's refine at horizon ${horizon}: ${issues.join("; ")}` });
      try {
        const population = populationOf(kind, group, horizon);
        return check.xi(population, group).map((xi) => ({ drawn, horizon, population, xi }));
      } catch (err) {
        return fc.constant({ drawn, horizon, problem: `population or check.xi threw: ${messageOf(err)}` });
      }
    });
  });
}

/**
 * The kind's arbitraries draw what its schema and population accept: groups its fields parse and
 * its refine passes, horizons ≥ minHorizon, and per sample M×xiWidth finite ξ values.
 */
export function arbitrariesProperty<G extends AgentGroupFields>(kind: AgentKind<G>, check: AgentKindCheck<G>) {
  return fc.property(drawnCases(kind, check), (c) => {
    if (c.problem) throw new Error(c.problem);
    const p = c.population!;
    const xi = c.xi!;
    const expected = p.ids.length * p.xiWidth;
    if (!(xi instanceof Float64Array) || xi.length !== expected) {
      throw new Error(`check.xi drew ${Object.prototype.toString.call(xi)} of ${xi?.length} values for one sample, expected a Float64Array of ${p.ids.length} agents × xiWidth ${p.xiWidth}`);
    }
    const bad = xi.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`check.xi drew ${xi[bad]} at ξ[${bad}] (agent ${p.ids[Math.floor(bad / p.xiWidth)]})`);
  });
}
