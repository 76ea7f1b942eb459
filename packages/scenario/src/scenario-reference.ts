import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { agentKinds, modelKinds, responseModels, trainingMethods, type AgentKind, type ModelKind, type ResponseModel } from "@equitable/core";
import { buildScenarioSchema, groupSchema, modelSchema } from "./schema.js";

type Json = Record<string, unknown>;

/** JSON Schema of one zod type, inlined (no $ref), without the draft marker. */
function jsonOf(schema: z.ZodTypeAny): Json {
  const out = zodToJsonSchema(schema, { $refStrategy: "none", target: "jsonSchema7" }) as Json;
  delete out.$schema;
  return out;
}

/** A field's type in words: `"a"` \| `"b"`, integer, number, list of numbers… */
function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return alternatives.map(typeOf).join(" \\| ");
  if (schema.type === "array") return `list of ${typeOf((schema.items ?? {}) as Json).replace(/^(\w+)$/, "$1s")}`;
  return String(schema.type ?? "any");
}

function defaultOf(field: z.ZodTypeAny): string {
  if (field instanceof z.ZodDefault) return `\`${JSON.stringify(field._def.defaultValue())}\``;
  if (field.isOptional()) return "(optional)";
  return "required";
}

/** The docs' rows of a zod object's fields: name, type, default, meaning. */
function fieldRows(fields: z.AnyZodObject): string[] {
  const shape = fields.shape as Record<string, z.ZodTypeAny>;
  const json = jsonOf(fields).properties as Record<string, Json>;
  return Object.entries(shape).map(
    ([name, field]) => `| \`${name}\` | ${typeOf(json[name])} | ${defaultOf(field)} | ${(field.description ?? "").replace(/\|/g, "\\|")} |`,
  );
}

/** The docs' table of one kind's group fields, generated from its zod schema. */
function kindTable(kind: AgentKind): string {
  const data = (kind.data ?? []).map((d) => `\`data.${d.field}\` (${d.description})`);
  return [
    `### \`${kind.type}\``,
    "",
    `${kind.description}.${data.length > 0 ? ` Reads ${data.join(", ")} when the data are real.` : ""}${kind.minHorizon ? ` Needs horizon ≥ ${kind.minHorizon}.` : ""}`,
    "",
    "| field | type | default | meaning |",
    "|---|---|---|---|",
    `| \`type\` | \`"${kind.type}"\` | required | the kind |`,
    ...fieldRows(kind.fields),
  ].join("\n");
}

/** The docs' table of one model kind's `model` fields. */
function modelTable(kind: ModelKind): string {
  return [
    `### \`model.kind: "${kind.kind}"\``,
    "",
    `${kind.description}.`,
    "",
    "| field | type | default | meaning |",
    "|---|---|---|---|",
    ...fieldRows(kind.fields),
  ].join("\n");
}

/** The docs' table of one response model's `feedback` fields. */
function responseTable(model: ResponseModel): string {
  return [
    `### \`feedback.model: "${model.name}"\``,
    "",
    `${model.description}.`,
    "",
    "| field | type | default | meaning |",
    "|---|---|---|---|",
    ...fieldRows(model.fields),
  ].join("\n");
}

/**
 * The generated part of docs/scenarios.md: every registered agent kind's group fields, model
 * kind's `model` fields and training method, from their descriptors (what `pnpm docs:generate` writes between the markers).
 */
export function scenarioReferenceMarkdown(kinds: readonly AgentKind[] = agentKinds.values()): string {
  const methods = trainingMethods.values().map((m) => `| \`${m.name}\` | ${m.label} | ${m.description} |`);
  return [
    "## Agent kinds (generated from the registered kinds)",
    "",
    ...kinds.flatMap((k) => [kindTable(k), ""]),
    "## Model kinds (generated from the registered model kinds)",
    "",
    ...modelKinds.values().flatMap((k) => [modelTable(k), ""]),
    "## Response models (generated from the registered response models; `feedback`, docs/closed-loop.md)",
    "",
    ...responseModels.values().flatMap((m) => [responseTable(m), ""]),
    "## Training methods (generated from the registered methods)",
    "",
    "| `methods` entry | table label | what it minimises |",
    "|---|---|---|",
    ...methods,
  ].join("\n");
}

/** JSON Schema of scenario files for editor completion, with each registered agent kind's group and model kind's `model` as an alternative. */
export function scenarioJsonSchema(kinds: readonly AgentKind[] = agentKinds.values()): Json {
  const schema = jsonOf(buildScenarioSchema(kinds) as unknown as z.ZodTypeAny);
  const properties = schema.properties as Record<string, Json>;
  properties.agents = { type: "array", minItems: 1, items: { anyOf: kinds.map((k) => ({ description: k.description, ...jsonOf(groupSchema(k)) })) } };
  properties.model = { anyOf: modelKinds.values().map((k) => ({ description: k.description, ...jsonOf(modelSchema(k)) })) };
  properties.feedback = { anyOf: responseModels.values().map((m) => ({ description: m.description, ...jsonOf(z.object({ model: z.literal(m.name) }).extend(m.fields.shape).strict()) })) };
  properties.methods = { ...properties.methods, items: { type: "string", enum: trainingMethods.keys() } };
  return { $schema: "http://json-schema.org/draft-07/schema#", title: "equitable scenario", ...schema };
}
