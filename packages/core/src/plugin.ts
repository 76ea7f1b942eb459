import type { AgentKind } from "./agent-kind.js";
import type { ModelKind } from "./model-kind.js";
import type { TrainingMethod } from "./training-method.js";
import type { ResponseModel } from "./response-model.js";

/**
 * What a plugin module exports, by name or as its default export (ESLint/Vite style: named in a
 * scenario's `plugins`, loaded by the host, which resolves the plugin's `@equitable/*`, tfjs and
 * zod imports to its own copies).
 */
export interface EquitablePlugin {
  // `any` keeps each kind's own group type: the registry validates groups with the kind's schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly agentKinds?: readonly AgentKind<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly trainingMethods?: readonly TrainingMethod<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly modelKinds?: readonly ModelKind<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly responseModels?: readonly ResponseModel<any>[];
}
