import { isDifferentiable, type AgentGroupFields, type AgentKindCheck, type AgentPopulation } from "@equitable/core";
import type { ConformanceCheck } from "./conformance-failure.js";
import { checkFastPathMatchesIlp, checkFeasible, checkRegretMatchesDecisions, type DecisionSubject } from "./decision-checks.js";
import type { DrawnBatch } from "./draw-batch.js";
import {
  checkDeterministic, checkFinite, checkIdentity, checkNonNegative, checkOwnContext, checkPure, checkRowsIndependent,
  checkShape, checkZeroAtTruth, type Verdict,
} from "./float-checks.js";
import { batchOf, type KindCase } from "./kind-case.js";
import { checkDifferentiableApi, checkGradient, checkNoTensorLeak, checkTensorMatchesFloat } from "./tensor-checks.js";

/** What decides which properties apply to a kind: its population's route and the hooks it declares. */
export interface KindTraits {
  readonly differentiable: boolean;
  readonly decisions: boolean;
  readonly exact: boolean;
}

/** What a property's verdict reads besides the case. */
export interface PropertyContext {
  readonly check: AgentKindCheck<AgentGroupFields>;
  readonly population: AgentPopulation;
  /** Relative tolerance of float64 comparisons. */
  readonly tolerance: number;
  /** Relative tolerance of tensor comparisons. */
  readonly gradientTolerance: number;
}

/** One check of a kind, run as its own fast-check property. */
export interface KindProperty {
  readonly name: ConformanceCheck;
  /** Share of the runs it gets (an ILP per agent and sample is slow). */
  readonly share: number;
  /** Parts of the case its counterexample shows besides group, horizon, signals and ξ. */
  readonly shows: readonly ("otherXi" | "weights")[];
  applies(traits: KindTraits): boolean;
  verdict(c: KindCase, ctx: PropertyContext): Verdict;
}

const always = () => true;
const differentiable = (t: KindTraits) => t.differentiable;
const withDecisions = (t: KindTraits) => t.decisions;

/** The population's regrets on the case, or why they cannot be checked (the wrong shape). */
function regretsOf(c: KindCase, p: AgentPopulation): { out: Float64Array; d: DrawnBatch } | string {
  const d = batchOf(c);
  const out: unknown = p.regrets(d.forecast, d.truth, d.xi, d.batch);
  const wrong = checkShape(p, d, out);
  return wrong ? `regrets has the wrong shape: ${wrong}` : { out: out as Float64Array, d };
}

/** A property over the float64 regrets of the case. */
function onRegrets(name: ConformanceCheck, verdict: (r: { out: Float64Array; d: DrawnBatch }, c: KindCase, ctx: PropertyContext) => Verdict): KindProperty {
  return {
    name, share: 1, shows: [], applies: always,
    verdict(c, ctx) {
      const r = regretsOf(c, ctx.population);
      return typeof r === "string" ? r : verdict(r, c, ctx);
    },
  };
}

/** A property of the tensor route; undefined (holds) for a drawn population that is not differentiable. */
function onTensors(name: ConformanceCheck, verdict: (r: { out: Float64Array; d: DrawnBatch }, c: KindCase, ctx: PropertyContext) => Verdict): KindProperty {
  return { ...onRegrets(name, (r, c, ctx) => (isDifferentiable(ctx.population) ? verdict(r, c, ctx) : undefined)), applies: differentiable };
}

function subject(c: KindCase, ctx: PropertyContext): DecisionSubject {
  return { hooks: ctx.check.decisions!, population: ctx.population, group: c.group, batch: batchOf(c) };
}

/** Every property of a kind, in the order they run and print. */
export const KIND_PROPERTIES: readonly KindProperty[] = [
  { name: "identity", share: 1, shows: [], applies: always, verdict: (_c, ctx) => checkIdentity(ctx.population) },
  {
    name: "shape", share: 1, shows: [], applies: always,
    verdict: (c, ctx) => checkShape(ctx.population, batchOf(c), ctx.population.regrets(c.forecast, c.truth, c.xi, c.batch)),
  },
  onRegrets("finite", ({ out }, _c, ctx) => checkFinite(ctx.population, out)),
  onRegrets("non-negative", ({ out }, _c, ctx) => checkNonNegative(ctx.population, out, ctx.tolerance)),
  onRegrets("zero-at-truth", ({ out, d }, _c, ctx) => checkZeroAtTruth(ctx.population, d, out, ctx.tolerance)),
  onRegrets("deterministic", ({ out, d }, _c, ctx) => checkDeterministic(ctx.population, d, out)),
  {
    name: "pure", share: 1, shows: [], applies: always,
    verdict(c, ctx) {
      const d = batchOf(c);
      const before = { ...d, forecast: d.forecast.slice(), truth: d.truth.slice(), xi: d.xi.slice() };
      ctx.population.regrets(d.forecast, d.truth, d.xi, d.batch);
      return checkPure(d, before);
    },
  },
  onRegrets("rows-independent", ({ out, d }, c, ctx) => checkRowsIndependent(ctx.population, d, out, c.horizon, ctx.tolerance)),
  {
    ...onRegrets("own-context", ({ out, d }, c, ctx) =>
      checkOwnContext(ctx.population, d, { ...d, xi: c.otherXi }, out, ctx.tolerance)),
    shows: ["otherXi"],
  },
  { name: "differentiable-api", share: 1, shows: [], applies: differentiable, verdict: (_c, ctx) => checkDifferentiableApi(ctx.population) },
  onTensors("tensor-matches-float", ({ out, d }, c, ctx) =>
    checkTensorMatchesFloat(ctx.population as never, d, out, c.horizon, ctx.gradientTolerance)),
  {
    ...onTensors("gradient", ({ d }, c, ctx) => checkGradient(ctx.population as never, d, c.weights, c.horizon, ctx.gradientTolerance)),
    shows: ["weights"],
  },
  onTensors("no-tensor-leak", ({ d }, c, ctx) => checkNoTensorLeak(ctx.population as never, d, c.horizon)),
  { name: "feasible", share: 1, shows: [], applies: withDecisions, verdict: (c, ctx) => checkFeasible(subject(c, ctx)) },
  {
    ...onRegrets("regret-matches-decisions", ({ out }, c, ctx) => checkRegretMatchesDecisions(subject(c, ctx), out, ctx.tolerance)),
    applies: withDecisions,
  },
  // One ILP per agent and sample: half the runs keeps `equitable check` within seconds.
  { name: "fast-path-matches-ilp", share: 0.5, shows: [], applies: (t) => t.exact, verdict: (c, ctx) => checkFastPathMatchesIlp(subject(c, ctx)) },
];
