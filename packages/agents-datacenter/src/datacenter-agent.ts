import type { Agent } from "@equitable/core";
import { datacenterCost } from "./datacenter-cost.js";
import { datacenterRegret } from "./datacenter-regret.js";
import { decideCapacity } from "./decide-capacity.js";
import { checkLambda, signalOf } from "./domain-rule.js";

/** Options of an Eq. 12 agent ({@link createDatacenterAgent}). */
export interface DatacenterAgentOptions {
  /** Identifier used in reports. */
  readonly id: string;
  /** Latency weight λ_j of Eq. 12; must be > 0. */
  readonly lambda: number;
}

/** An Eq. 12 data centre: context ξ is its demand w, the decision its capacity p. */
export interface DatacenterAgent extends Agent<number, number> {
  /** Its latency weight λ_j. */
  readonly lambda: number;
}

/** Eq. 12 agent: acts on the mean of the forecast/truth steps (H > 1 as the paper's Table 3), floored at 0.01 like w. */
export function createDatacenterAgent(opts: DatacenterAgentOptions): DatacenterAgent {
  const { id, lambda } = opts;
  checkLambda(lambda);
  return {
    id,
    lambda,
    decide: (forecast, w) => decideCapacity(signalOf(forecast, "forecast"), w, lambda),
    cost: (p, w, truth) => datacenterCost(p, w, lambda, signalOf(truth, "truth")),
    regret: (forecast, w, truth) =>
      datacenterRegret(signalOf(forecast, "forecast"), signalOf(truth, "truth"), w, lambda),
  };
}
