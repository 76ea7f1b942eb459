import { readFile } from "node:fs/promises";
import { InputError } from "@equitable/core";
import type { ZodError } from "zod";
import { scenarioSchema, type Scenario } from "./schema.js";

/** "agents[0].type" from a zod issue path. */
function fieldName(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/** Turns a zod error into one InputError naming the first offending field. */
export function toInputError(file: string, error: ZodError): InputError {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") {
    // Name the unknown field itself (a typo such as "epoch" for "epochs"), not the object holding it.
    const fields = issue.keys.map((key) => fieldName([...issue.path, key]));
    const others = fields.length > 1 ? `; also unknown: ${fields.slice(1).join(", ")}` : "";
    return new InputError(`${file}: ${fields[0]}`, `unknown field (not part of the scenario format)${others}`);
  }
  const field = fieldName(issue.path) || "(root)";
  return new InputError(`${file}: ${field}`, issue.message);
}

/** Validates an already-parsed scenario object; `file` names it in errors. */
export function parseScenario(value: unknown, file = "scenario"): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) throw toInputError(file, result.error);
  return result.data;
}

/** Reads and validates a scenario JSON file (the `.json` may be left off; a directory means its `scenario.json`). */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return loadScenario(`${file.replace(/\/$/, "")}/scenario.json`);
    if (code === "ENOENT" && !file.endsWith(".json")) return loadScenario(`${file}.json`);
    throw new InputError(file, code === "ENOENT" ? "scenario file not found" : `cannot read (${code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `not valid JSON (${(err as Error).message})`);
  }
  return parseScenario(value, file);
}
