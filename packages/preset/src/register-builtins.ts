import { agentKinds, modelKinds, responseModels, trainingMethods } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";
import { evKind } from "@equitable/agents-ev";
import { evOffsetsKind } from "@equitable/agents-ev-offsets";
import { phoneKind } from "@equitable/agents-phone";
import { procurementKind } from "@equitable/agents-procurement";
import { builtinModelKinds } from "@equitable/model";
import { builtinMethods } from "@equitable/trainer";
import { builtinResponseModels } from "@equitable/response";

/** The built-in agent kinds, in registration order (the docs' and error messages' order). */
export const builtinAgentKinds = [datacenterKind, evKind, evOffsetsKind, phoneKind, procurementKind] as const;

/**
 * Registers every built-in agent kind, training method, model kind and response model in core's registries.
 * Idempotent: a registry keeps an entry registered again as the same object, so libraries,
 * specs and programs may each call it.
 */
export function registerBuiltins(): void {
  for (const kind of builtinAgentKinds) agentKinds.register(kind);
  for (const method of builtinMethods) trainingMethods.register(method);
  for (const kind of builtinModelKinds) modelKinds.register(kind);
  for (const response of builtinResponseModels) responseModels.register(response);
}
