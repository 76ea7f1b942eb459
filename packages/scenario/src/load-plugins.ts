import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  InputError, agentKinds, modelKinds, responseModels, trainingMethods, type AgentKind, type EquitablePlugin, type ModelKind, type ResponseModel, type TrainingMethod,
} from "@equitable/core";
import { resolveSharedFromHost } from "./host-resolution.js";
import { recordPlugin } from "./loaded-plugins.js";

/** Where a plugin named in a scenario lives: its folder (for shared imports) and the module to import. */
interface PluginLocation {
  root: string;
  entry: string;
  /** The file or folder the name resolved to, absolute. */
  path: string;
}

// A host running its TypeScript sources (tsx, vitest) loads a plugin package's sources too; the
// built host (`./equitable`, node on dist) cannot import .ts, so it takes the package's built entry.
const CONDITIONS = import.meta.url.endsWith(".ts") ? ["@equitable/source", "import", "default"] : ["import", "default"];

function pick(exports: unknown): string | undefined {
  if (typeof exports === "string") return exports;
  if (!exports || typeof exports !== "object") return undefined;
  const map = exports as Record<string, unknown>;
  if ("." in map) return pick(map["."]);
  for (const c of CONDITIONS) if (c in map) return pick(map[c]);
  return undefined;
}

/** The module a package folder names (exports "." → module → main), or its index file. */
function entryOfFolder(dir: string): string | undefined {
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    for (const target of [pick(pkg.exports), pkg.module, pkg.main]) {
      if (typeof target === "string" && existsSync(join(dir, target))) return join(dir, target);
    }
  }
  return ["src/index.ts", "index.ts", "index.js", "src/index.js"].map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** A path ("./my-agents", relative to the scenario's folder) or a package name found in node_modules above it. */
function locate(spec: string, baseDir: string): PluginLocation | undefined {
  let target: string | undefined;
  if (spec.startsWith(".") || isAbsolute(spec)) target = resolve(baseDir, spec);
  else {
    for (let dir = baseDir; ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", spec);
      if (existsSync(candidate)) {
        target = candidate;
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (!target) return undefined;
  for (const file of [target, `${target}.ts`, `${target}.js`]) {
    if (!existsSync(file)) continue;
    if (statSync(file).isFile()) return { root: dirname(file), entry: file, path: file };
    const entry = entryOfFolder(file);
    return entry ? { root: file, entry, path: file } : undefined;
  }
  return undefined;
}

/** A `file:line:col` in a stack frame or an esbuild diagnostic, as a path or a file URL. */
const LOCATION = /(?:file:\/\/)?(\/[^\s():]+|[A-Za-z]:\\[^\s():]+):(\d+):(\d+)/g;

/**
 * Where a plugin's load error happened: the first `file:line:col` under the plugin's folder in
 * the message (esbuild's syntax errors put it there) or the stack, outside node_modules; undefined
 * when none is the plugin's (a missing dependency fails before any of its lines runs).
 */
function errorLocation(err: unknown, root: string): string | undefined {
  const text = `${(err as Error)?.message ?? ""}\n${(err as Error)?.stack ?? ""}`;
  for (const m of text.matchAll(LOCATION)) {
    const file = m[0].startsWith("file://") ? fileURLToPath(`file://${m[1]}`) : m[1];
    if (file.startsWith(root) && !file.includes("/node_modules/")) return `${file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** The error's message on one line, without esbuild's "Transform failed" preamble or the location it repeats. */
function loadMessage(err: unknown): string {
  const lines = String((err as Error)?.message ?? err).split("\n").filter((l) => l.trim() !== "");
  const first = /^Transform failed with \d+ errors?:$/.test(lines[0] ?? "") && lines[1] ? lines[1] : lines[0] ?? String(err);
  return first.replace(/^(?:file:\/\/)?\S+:\d+:\d+: (?:ERROR: )?/, "");
}

/** The prefix a plugin's names may take: its package's name (without scope) or its folder or file name, as a registry key. */
function prefixOf(location: PluginLocation): string {
  let name = basename(location.path, extname(location.path));
  const manifest = join(location.root, "package.json");
  if (existsSync(manifest)) {
    try {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown };
      if (typeof pkg.name === "string") name = pkg.name.split("/").pop()!;
    } catch {
      // A broken manifest only costs the suggestion its package name.
    }
  }
  const key = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+|-+$/g, "");
  return key === "" || key === "index" ? "my" : key;
}

/**
 * A name the plugin takes that is already registered by another object: how to rename it (a
 * prefixed name that is free), or undefined when the name is free or the entry is the same object.
 */
function collision<T>(
  registry: { get(key: string): T | undefined; originOf(key: string): string | undefined; what: string },
  entry: T, key: unknown, field: string, prefix: string,
): string | undefined {
  if (typeof key !== "string") return undefined;
  const taken = registry.get(key);
  if (taken === undefined || taken === entry) return undefined;
  const origin = registry.originOf(key);
  const owner = origin === "built-in" ? "a built-in" : `plugin '${origin}'`;
  let suggestion = `${prefix}-${key}`;
  for (let i = 2; registry.get(suggestion) !== undefined; i++) suggestion = `${prefix}-${key}-${i}`;
  return `registers ${registry.what} '${key}', which ${owner} already has: rename it (its \`${field}\`), e.g. to '${suggestion}', and use that name in scenarios`;
}

/** What one plugin module registered: its absolute location, and the agent kinds, methods and model kinds it exports. */
export interface LoadedPlugin {
  /** The file or folder the name resolved to, absolute (a saved scenario keeps it). */
  readonly path: string;
  /** The module imported. */
  readonly entry: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly agentKinds: readonly AgentKind<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly trainingMethods: readonly TrainingMethod<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly modelKinds: readonly ModelKind<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly responseModels: readonly ResponseModel<any>[];
}

/**
 * Loads one plugin and registers its agent kinds, training methods and model kinds (`where` names
 * it in errors). Registering is idempotent: a kind or method already registered as the same object (a
 * built-in package checked as a plugin, a plugin named twice) stays as it is.
 */
export async function loadPlugin(spec: string, baseDir: string, host: string = import.meta.url, where = "plugin"): Promise<LoadedPlugin> {
  const found = locate(spec, baseDir);
  if (!found) throw new InputError(where, `cannot find plugin '${spec}' (paths are relative to ${baseDir}; packages are looked up in node_modules above it)`);
  resolveSharedFromHost(pathToFileURL(found.root).href + "/", host);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(found.entry).href)) as Record<string, unknown>;
  } catch (err) {
    const message = loadMessage(err);
    const hint = /Unknown file extension "\.ts"/.test(message) ? " (a TypeScript plugin needs the tsx-run CLI: `npx -y pnpm@10 equitable:dev`)" : "";
    const at = errorLocation(err, found.root);
    const error = new InputError(where, `plugin '${spec}' failed to load${at ? ` at ${at}` : ""}: ${message}${hint}`);
    // The CLI prints the plugin's own stack under EQUITABLE_DEBUG=1.
    Object.defineProperty(error, "cause", { value: err, enumerable: false });
    throw error;
  }
  const plugin = (mod.default && typeof mod.default === "object" ? mod.default : mod) as EquitablePlugin;
  const listOf = <T>(name: string, value: readonly T[] | undefined): readonly T[] => {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    throw new InputError(where, `plugin '${spec}' (${found.entry}) exports \`${name}\` that is not an array`);
  };
  const kinds = listOf("agentKinds", plugin.agentKinds);
  const methods = listOf("trainingMethods", plugin.trainingMethods);
  const models = listOf("modelKinds", plugin.modelKinds);
  const responses = listOf("responseModels", plugin.responseModels);
  if (kinds.length === 0 && methods.length === 0 && models.length === 0 && responses.length === 0) {
    throw new InputError(where, `plugin '${spec}' (${found.entry}) exports no agentKinds, trainingMethods, modelKinds or responseModels`);
  }
  const prefix = prefixOf(found);
  for (const clash of [
    ...kinds.map((k) => collision(agentKinds, k, k?.type, "type", prefix)),
    ...methods.map((m) => collision(trainingMethods, m, m?.name, "name", prefix)),
    ...models.map((m) => collision(modelKinds, m, m?.kind, "kind", prefix)),
    ...responses.map((r) => collision(responseModels, r, r?.name, "name", prefix)),
  ]) {
    if (clash) throw new InputError(where, `plugin '${spec}' ${clash}`);
  }
  try {
    // The registries refuse incomplete descriptors, naming what is missing.
    for (const kind of kinds) agentKinds.register(kind, spec);
    for (const method of methods) trainingMethods.register(method, spec);
    for (const model of models) modelKinds.register(model, spec);
    for (const response of responses) responseModels.register(response, spec);
  } catch (err) {
    throw new InputError(where, `plugin '${spec}': ${(err as Error).message}`);
  }
  recordPlugin(spec);
  return { path: found.path, entry: found.entry, agentKinds: kinds, trainingMethods: methods, modelKinds: models, responseModels: responses };
}

/**
 * Loads the plugins a scenario names and registers their agent kinds, training methods and model kinds. Paths
 * are relative to `baseDir` (the scenario's folder); a plugin's imports of the framework, tfjs and
 * zod resolve from `host` (a file URL of the loading package), so one instance of each is loaded.
 * Returns each plugin's absolute location, which a saved scenario keeps.
 */
export async function loadPlugins(specs: readonly string[], baseDir: string, host: string = import.meta.url): Promise<string[]> {
  const out: string[] = [];
  for (const [i, spec] of specs.entries()) out.push((await loadPlugin(spec, baseDir, host, `plugins[${i}]`)).path);
  return out;
}
