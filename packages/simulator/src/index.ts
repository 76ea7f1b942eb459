export { contexts, contextAt } from "./contexts.js";
export { packBatch } from "./pack-batch.js";
export { batchContexts, packContexts } from "./batch-contexts.js";
export { epochBatches, type EpochOptions } from "./epoch-batches.js";
export { evaluationBatches, type EvaluationOptions } from "./evaluation-batches.js";
export { withRegrets, type RegretBatch } from "./with-regrets.js";
export { agentMeanRegrets, type AgentMeanRegrets } from "./agent-mean-regrets.js";
export { Simulation, createSimulation } from "./simulation.js";
