import type { AgentKind } from "./agent-kind.js";
import type { ModelKind } from "./model-kind.js";
import type { TrainingMethod } from "./training-method.js";
import type { ResponseModel } from "./response-model.js";

const isZod = (value: unknown): boolean => !!value && typeof (value as { safeParse?: unknown }).safeParse === "function";

/** What an agent kind lacks to be registered (a plugin's descriptor is checked at registration), or undefined. */
export function agentKindProblem(kind: Partial<AgentKind>): string | undefined {
  if (typeof kind?.type !== "string") return "an agent kind without a string `type`";
  if (!isZod(kind.fields)) return `agent kind '${kind.type}' has no zod \`fields\` object`;
  for (const fn of ["population", "build"] as const) {
    if (typeof kind[fn] !== "function") return `agent kind '${kind.type}' has no \`${fn}\` function`;
  }
  return undefined;
}

/** What a training method lacks to be registered, or undefined: the trainer may then call it without checks. */
export function trainingMethodProblem(method: Partial<TrainingMethod>): string | undefined {
  if (typeof method?.name !== "string") return "a training method without a string `name`";
  for (const fn of ["jobs", "mseWeight", "summary"] as const) {
    if (typeof method[fn] !== "function") return `training method '${method.name}' has no \`${fn}\` function`;
  }
  if (method.usesRegrets && !method.perSample && (typeof method.value !== "function" || typeof method.weights !== "function")) {
    return `training method '${method.name}' has neither \`value\` and \`weights\` functions nor a \`perSample\` form`;
  }
  if (!isZod(method.params)) return `training method '${method.name}' has no zod \`params\``;
  if (method.routes !== undefined && (!Array.isArray(method.routes) || method.routes.length === 0 || method.routes.some((r) => r !== "chain-rule" && r !== "policy-gradient"))) {
    return `training method '${method.name}' has \`routes\` other than a non-empty list of "chain-rule" and "policy-gradient"`;
  }
  return undefined;
}

/** What a model kind lacks to be registered, or undefined: scenarios and createModel may then call it without checks. */
export function modelKindProblem(kind: Partial<ModelKind>): string | undefined {
  if (typeof kind?.kind !== "string") return "a model kind without a string `kind`";
  if (!isZod(kind.fields)) return `model kind '${kind.kind}' has no zod \`fields\` object`;
  for (const fn of ["spec", "specProblem", "create"] as const) {
    if (typeof kind[fn] !== "function") return `model kind '${kind.kind}' has no \`${fn}\` function`;
  }
  return undefined;
}

/** What a response model lacks to be registered, or undefined. */
export function responseModelProblem(model: Partial<ResponseModel>): string | undefined {
  if (typeof model?.name !== "string") return "a response model without a string `name`";
  if (!isZod(model.fields)) return `response model '${model.name}' has no zod \`fields\` object`;
  if (typeof model.build !== "function") return `response model '${model.name}' has no \`build\` function`;
  return undefined;
}
