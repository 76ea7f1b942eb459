export { selectBackend, BACKENDS, type BackendName } from "./backend.js";
export type { ModelSpec } from "./model-spec.js";
export type { TrainableModel } from "./trainable-model.js";
export { createLstm, type LstmOptions } from "./lstm.js";
export { createMlp, type MlpOptions } from "./mlp.js";
export { createModel } from "./create-model.js";
export { saveModel, loadModel } from "./save-load.js";
