import type { Arbitrary } from "fast-check";
import type { AgentPopulation } from "./agent.js";
import type { AgentGroupFields } from "./agent-kind.js";

/** How a kind's agents decide, so `equitable check` can test feasibility and fast paths against the LP/ILP. */
export interface DecisionHooks<G extends AgentGroupFields = AgentGroupFields> {
  /** Values per agent's decision (1 for a capacity, H for a 0/1 schedule over the forecast's steps). */
  width(population: AgentPopulation, group: G): number;
  /** Every agent's decision on every sample by the kind's own (fast) policy: forecast B×H, ξ B×M×xiWidth → B×M×width. */
  decide(population: AgentPopulation, group: G, forecast: Float64Array, xi: Float64Array, batch: number): Float64Array;
  /** Why agent `agent`'s decision (width values) breaks its constraints under its sample's ξ (M×xiWidth); undefined when feasible. */
  violation(decision: Float64Array, xi: Float64Array, agent: number, population: AgentPopulation, group: G): string | undefined;
  /** The cost agent `agent`'s decision pays under one sample's signal (H values): what π minimises and the regret differences. */
  objective(decision: Float64Array, xi: Float64Array, signal: Float64Array, agent: number, population: AgentPopulation, group: G): number;
  /** Agent `agent`'s decision for one forecast (H values) solved exactly as an LP/ILP (javascript-lp-solver), when the fast path stands for one. */
  exact?(forecast: Float64Array, xi: Float64Array, agent: number, population: AgentPopulation, group: G): Float64Array;
}

/** What a kind exports so `equitable check` can draw its groups, contexts and signals with fast-check. */
export interface AgentKindCheck<G extends AgentGroupFields = AgentGroupFields> {
  /** Groups of the kind (its fields, any count worth checking). */
  readonly group: Arbitrary<G>;
  /** Horizons a drawn group can decide over (default: the kind's minHorizon, else 1). */
  horizon?(group: G): Arbitrary<number>;
  /** ξ of one sample: M×xiWidth values inside the agents' domain. */
  xi(population: AgentPopulation, group: G): Arbitrary<Float64Array>;
  /** Forecast and truth values are drawn in this range (default [0.5, 10], the [0, 10] scaling away from 0). */
  readonly signalRange?: readonly [number, number];
  /** Relative tolerance of tensor checks (float32, finite differences); default 2e-2. */
  readonly gradientTolerance?: number;
  /** Present when the kind's decisions can be checked for feasibility and against their LP/ILP. */
  readonly decisions?: DecisionHooks<G>;
}
