import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError, agentKinds, trainingMethods, type AgentKind, type EquitablePlugin, type TrainingMethod } from "@equitable/core";
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

/** What one plugin module registered: its absolute location, and the kinds and methods it exports. */
export interface LoadedPlugin {
  /** The file or folder the name resolved to, absolute (a saved scenario keeps it). */
  readonly path: string;
  /** The module imported. */
  readonly entry: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly agentKinds: readonly AgentKind<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly trainingMethods: readonly TrainingMethod<any>[];
}

/**
 * Loads one plugin and registers its agent kinds and training methods (`where` names it in
 * errors). Registering is idempotent: a kind or method already registered as the same object (a
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
    const message = (err as Error)?.message ?? String(err);
    const hint = /Unknown file extension "\.ts"/.test(message) ? " (a TypeScript plugin needs the tsx-run CLI: `npx -y pnpm@10 equitable:dev`)" : "";
    throw new InputError(where, `plugin '${spec}' failed to load: ${message.split("\n")[0]}${hint}`);
  }
  const plugin = (mod.default && typeof mod.default === "object" ? mod.default : mod) as EquitablePlugin;
  const listOf = <T>(name: string, value: readonly T[] | undefined): readonly T[] => {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    throw new InputError(where, `plugin '${spec}' (${found.entry}) exports \`${name}\` that is not an array`);
  };
  const kinds = listOf("agentKinds", plugin.agentKinds);
  const methods = listOf("trainingMethods", plugin.trainingMethods);
  if (kinds.length === 0 && methods.length === 0) {
    throw new InputError(where, `plugin '${spec}' (${found.entry}) exports no agentKinds or trainingMethods`);
  }
  try {
    // The registries refuse incomplete descriptors, naming what is missing.
    for (const kind of kinds) agentKinds.register(kind, spec);
    for (const method of methods) trainingMethods.register(method, spec);
  } catch (err) {
    throw new InputError(where, `plugin '${spec}': ${(err as Error).message}`);
  }
  recordPlugin(spec);
  return { path: found.path, entry: found.entry, agentKinds: kinds, trainingMethods: methods };
}

/**
 * Loads the plugins a scenario names and registers their agent kinds and training methods. Paths
 * are relative to `baseDir` (the scenario's folder); a plugin's imports of the framework, tfjs and
 * zod resolve from `host` (a file URL of the loading package), so one instance of each is loaded.
 * Returns each plugin's absolute location, which a saved scenario keeps.
 */
export async function loadPlugins(specs: readonly string[], baseDir: string, host: string = import.meta.url): Promise<string[]> {
  const out: string[] = [];
  for (const [i, spec] of specs.entries()) out.push((await loadPlugin(spec, baseDir, host, `plugins[${i}]`)).path);
  return out;
}
