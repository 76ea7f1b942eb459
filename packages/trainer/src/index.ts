import "./builtin-methods.js";

export type { EquitableObjective, PlainObjective } from "./objective.js";
export type { TrainingOptions } from "./training-options.js";
export type { TrainingEvent } from "./training-event.js";
export { mseLoss, equitableLoss, equitableLossOfMeans, objectiveLoss } from "./losses.js";
export { stepLearningRate } from "./learning-rate.js";
export { clipByGlobalNorm } from "./clip.js";
export { createFusedAdam, createTfjsAdam, type ClippedAdam, type OptimizerImplementation } from "./fused-adam.js";
export { trainPublicModel, trainToEnd, type TrainRequest } from "./train.js";
export { evaluatePublicModel, type Evaluation, type EvaluateOptions, type EvaluationProtocol } from "./evaluate.js";
export { TrainingDivergedError } from "./training-diverged-error.js";
export type { PolicyGradientOptions } from "./policy-gradient-options.js";
export { scoreWeights, type PolicyGradientEstimator, type BaselineKind, type ScoreWeightsInput } from "./score-weights.js";
export { equitableAgentWeights, equitableLossValue } from "./agent-weights.js";
export { plainMethod } from "./plain-method.js";
export { equitableMethod, equitableLabel } from "./equitable-method.js";
export { resolveObjective } from "./resolve-objective.js";
export { measureDisagreement, type Disagreement, type DisagreementOptions } from "./disagreement.js";
