export type { Context, ContextBatch, ContextSeries } from "./context.js";
export type { Agent, AgentPopulation, Decision, Regret } from "./agent.js";
export type { PublicModel } from "./public-model.js";
export { createRandom, permutation, type Random } from "./random.js";
export {
  mean, variance, percentile, c95MinusC5, hNorm, worst, worstAlpha, jain, mse, equityMetrics, DEFAULT_WORST_ALPHA, type EquityMetrics,
} from "./metrics.js";
export { InputError } from "./errors.js";
export { hostReads } from "./host-reads.js";
export { canonicalJson } from "./canonical-json.js";
export { wasserstein1 } from "./wasserstein.js";
export { agentIds } from "./agent-ids.js";
export { MixedPopulation, populationParts, type PopulationPart } from "./mixed-population.js";
export { disposePopulation } from "./dispose-population.js";
export { isDifferentiable, type DifferentiablePopulation } from "./differentiable-population.js";
export { Registry } from "./registry.js";
export { agentKinds, trainingMethods, modelKinds, responseModels } from "./registries.js";
export type { ResponseModel, Response, ResponseBuildContext } from "./response-model.js";
export type { ModelKind, ModelSpec, ModelMemory, TrainableModel, ModelHead } from "./model-kind.js";
export type {
  AgentKind, AgentBuildContext, AgentGroupFields, BuiltGroup, DataNeed, ScenarioFacts,
} from "./agent-kind.js";
export type { AgentKindCheck, DecisionHooks } from "./agent-kind-check.js";
export {
  methodRoutes, type TrainingMethod, type TrainingObjective, type TrainingJob, type MethodSettings, type MethodSummary,
  type TrainingRoute, type GradientScope, type SampleGradients, type WeightingScheme,
} from "./training-method.js";
export type { EquitablePlugin } from "./plugin.js";
export { agentKindProblem, trainingMethodProblem } from "./registry-entry-checks.js";
export { meanCi95, type MeanCi } from "./confidence-interval.js";
export type { LivePopulation, LiveStep, LiveFactory } from "./live-population.js";
