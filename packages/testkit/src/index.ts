export { checkAgentPopulation, assertConformingPopulation } from "./check-agent-population.js";
export { checkSeededBuilder, assertSeededBuilder, type SeededCheckOptions } from "./check-seeded.js";
export type { PopulationCheckOptions } from "./population-check-options.js";
export { ConformanceError, type ConformanceCheck, type ConformanceFailure } from "./conformance-failure.js";
export { checkAgentKind, assertConformingKind, agentKindChecks } from "./check-agent-kind.js";
export { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED, type KindCheckOptions } from "./kind-check-options.js";
export type { KindCheckFailure, KindCheckResult } from "./kind-check-result.js";
export { missingCheck } from "./missing-check.js";
export { quadraticPopulation, quadraticPopulations, type ScalarPopulation } from "./scalar-population.js";
export { equitableOptimum, powerLoss, type EquityLoss } from "./equitable-optimum.js";
export { theorem43, theorem44, weightsFavourWorseOff, type EquityPropertyOptions } from "./equity-properties.js";
export { checkLivePopulation, assertConformingLive, type LiveCheckOptions } from "./check-live-population.js";
export { checkTrainingMethod, assertConformingMethod, trainingMethodChecks } from "./check-training-method.js";
export {
  DEFAULT_TENSOR_TOLERANCE, DEFAULT_DERIVATIVE_TOLERANCE, type MethodCheckOptions, type MethodCheckResult,
} from "./method-check-options.js";
export { FINITE_DIFFERENCE_STEP, UNKNOWN_OPTION } from "./method-properties.js";
export { DenseSampleGradients } from "./dense-sample-gradients.js";
export { checkPackage, isMethodResult, type PackageContents, type PackageCheckOptions, type PackageCheckResult } from "./check-package.js";
export { checkResponseModel, assertConformingResponse, type ResponseCheckOptions } from "./check-response-model.js";
export { checkFeedbackRegret, assertConformingFeedback, type FeedbackCheckOptions } from "./check-feedback-regret.js";
