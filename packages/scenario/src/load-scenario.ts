import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "@equitable/core";
import type { ZodError } from "zod";
import { buildScenarioSchema, type Scenario } from "./schema.js";
import { loadPlugins } from "./load-plugins.js";
import { parseJsonText } from "./parse-json-text.js";
import { nonFinitePath } from "./non-finite.js";

/** "agents[0].type" from a zod issue path. */
export function fieldName(path: (string | number)[]): string {
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

/** Validates an already-parsed scenario object against the registered kinds and methods; `file` names it in errors. */
export function parseScenario(value: unknown, file = "scenario"): Scenario {
  const infinite = nonFinitePath(value);
  if (infinite) {
    throw new InputError(`${file}: ${fieldName(infinite)}`, "is not a finite number (a literal such as 1e999 overflows a float64 to Infinity)");
  }
  const result = buildScenarioSchema().safeParse(value);
  if (!result.success) throw toInputError(file, result.error);
  return result.data;
}

/**
 * Loads the plugins a scenario value names (relative to `baseDir`) and returns the value with
 * their absolute locations, so that it validates, and later reloads, wherever it is read from.
 */
export async function withPlugins(value: unknown, file: string, baseDir: string, host?: string): Promise<unknown> {
  if (!value || typeof value !== "object" || !("plugins" in value)) return value;
  const plugins = (value as { plugins: unknown }).plugins;
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== "string" || p === "")) {
    throw new InputError(`${file}: plugins`, "must be a list of paths (relative to the scenario file) or package names");
  }
  return { ...value, plugins: await loadPlugins(plugins as string[], baseDir, host) };
}

/**
 * Reads and validates a scenario JSON file (the `.json` may be left off; a directory means its
 * `scenario.json`), loading the plugins it names first. `host` is the loading package's file URL.
 */
export async function loadScenario(file: string, host?: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return loadScenario(`${file.replace(/\/$/, "")}/scenario.json`, host);
    if (code === "ENOENT" && !file.endsWith(".json")) return loadScenario(`${file}.json`, host);
    throw new InputError(file, code === "ENOENT" ? "scenario file not found" : `cannot read (${code})`);
  }
  const value = parseJsonText(text, file);
  return parseScenario(await withPlugins(value, file, dirname(resolve(file)), host), file);
}
