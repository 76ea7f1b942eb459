import type { AgentKind } from "./agent-kind.js";
import type { ModelKind } from "./model-kind.js";
import type { TrainingMethod } from "./training-method.js";
import type { ResponseModel } from "./response-model.js";
import { Registry } from "./registry.js";
import { agentKindProblem, modelKindProblem, responseModelProblem, trainingMethodProblem } from "./registry-entry-checks.js";

/** Every agent kind scenarios may name, by `type`; the built-ins and loaded plugins register here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const agentKinds = new Registry<AgentKind<any>>("agent type", (k) => k.type, agentKindProblem);

/** Every training method objectives may name; Plain PM and Equitable PM register here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const trainingMethods = new Registry<TrainingMethod<any>>("training method", (m) => m.name, trainingMethodProblem);

/** Every public model architecture scenarios may name as `model.kind`; the built-ins and loaded plugins register here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const modelKinds = new Registry<ModelKind<any>>("model kind", (k) => k.kind, modelKindProblem);

/** Every response model a scenario's `feedback` may name (the closed loop); the built-ins and loaded plugins register here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const responseModels = new Registry<ResponseModel<any>>("response model", (r) => r.name, responseModelProblem);
