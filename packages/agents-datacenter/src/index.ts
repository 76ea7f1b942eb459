export { DATACENTER_FLOOR } from "./domain-rule.js";
export { decideCapacity } from "./decide-capacity.js";
export { datacenterCost } from "./datacenter-cost.js";
export { datacenterRegret } from "./datacenter-regret.js";
export { createDatacenterAgent, type DatacenterAgent, type DatacenterAgentOptions } from "./datacenter-agent.js";
export { DatacenterPopulation, type DatacenterPopulationOptions } from "./datacenter-population.js";
export {
  buildDemandMatrix, DEFAULT_NOISE_STD, DEFAULT_PERTURBED, DEFAULT_SHIFT_MAX,
  type DemandMatrixOptions, type DemandMode,
} from "./demand-matrix.js";
export { wasserstein1 } from "@equitable/core";
export { lambdasFor, type LambdaSetting } from "./lambdas-for.js";
export { datacenterKind, type DatacenterGroup } from "./datacenter-kind.js";
export { datacenterKindCheck } from "./datacenter-kind-check.js";
export { agentKinds } from "./agent-kinds.js";
