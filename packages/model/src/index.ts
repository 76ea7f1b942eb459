export { selectBackend, BACKENDS, type BackendName } from "./backend.js";
export type { ModelSpec } from "./model-spec.js";
export type { TrainableModel, ModelHead } from "./trainable-model.js";
export { createLstm, type LstmOptions, type LstmImplementation } from "./lstm.js";
export { createMlp, type MlpOptions } from "./mlp.js";
export { createModel } from "./create-model.js";
export { saveModel, loadModel } from "./save-load.js";
export { createTransformer, type TransformerOptions } from "./transformer.js";
export { createGaussianPolicy, type GaussianPolicy, type StdSpec } from "./gaussian-policy.js";
