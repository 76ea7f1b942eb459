import { register } from "node:module";

/** Packages a plugin shares with the host: one instance each (a second tfjs re-registers every kernel). */
const SHARED = ["@equitable/", "@tensorflow/", "zod", "fast-check", "rxjs", "seedrandom"];

/**
 * Where a shared import is resolved when the host cannot: this package (the loader itself). The
 * host callers pass is `@equitable/experiment`'s HOST_URL, which depends on every shipped package,
 * so a plugin may import any of them (a procurement variant imports @equitable/agents-procurement).
 */
const FALLBACK_HOST = import.meta.url;

// Runs on Node's loader thread: imports of a shared package from inside the plugin's folder
// resolve as if the host had imported them, whatever the plugin itself has installed; where the
// host lacks the package, from the fallback host, then from the plugin's own folder. When none has
// it, the error names the plugin's importing file (not the host's, which would send its author
// to the framework's source).
const HOOKS = `
let root, hosts, shared;
export async function initialize(data) { root = data.root; hosts = data.hosts; shared = data.shared; }
const notFound = (err) => err && (err.code === "ERR_MODULE_NOT_FOUND" || err.code === "MODULE_NOT_FOUND");
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (!(parent && parent.startsWith(root) && shared.some((p) => p.endsWith("/") ? specifier.startsWith(p) : specifier === p || specifier.startsWith(p + "/")))) {
    return next(specifier, context);
  }
  for (const host of hosts) {
    try {
      return await next(specifier, { ...context, parentURL: host });
    } catch (err) {
      if (!notFound(err)) throw err;
    }
  }
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!notFound(err)) throw err;
    const e = new Error("Cannot find package '" + specifier + "' imported from " + new URL(parent).pathname + ": neither the framework nor the plugin's folder has it (is the name spelt right?)");
    e.code = "ERR_MODULE_NOT_FOUND";
    throw e;
  }
}
`;

const hooked = new Set<string>();

/**
 * Makes a plugin's imports of `@equitable/*`, tfjs, zod, fast-check and rxjs resolve from the host
 * (`hostUrl`, a file of the host package), else from this package, when they come from files under
 * `rootUrl`: peer dependencies resolved from the host that loads the plugin, so nothing needs
 * installing beside it and every shipped package is importable.
 */
export function resolveSharedFromHost(rootUrl: string, hostUrl: string): void {
  const key = `${rootUrl}\n${hostUrl}`;
  if (hooked.has(key)) return;
  hooked.add(key);
  const hosts = hostUrl === FALLBACK_HOST ? [hostUrl] : [hostUrl, FALLBACK_HOST];
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { root: rootUrl, hosts, shared: SHARED } });
}
