import { register } from "node:module";

/** Packages a plugin shares with the host: one instance each (a second tfjs re-registers every kernel). */
const SHARED = ["@equitable/", "@tensorflow/", "zod", "fast-check", "rxjs", "seedrandom"];

// Runs on Node's loader thread: imports of a shared package from inside the plugin's folder
// resolve as if the host had imported them, whatever the plugin itself has installed.
const HOOKS = `
let root, host, shared;
export async function initialize(data) { root = data.root; host = data.host; shared = data.shared; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.startsWith(root) && shared.some((p) => p.endsWith("/") ? specifier.startsWith(p) : specifier === p || specifier.startsWith(p + "/"))) {
    return next(specifier, { ...context, parentURL: host });
  }
  return next(specifier, context);
}
`;

const hooked = new Set<string>();

/**
 * Makes a plugin's imports of `@equitable/*`, tfjs, zod, fast-check and rxjs resolve from the host
 * (`hostUrl`, a file of the host package) when they come from files under `rootUrl`: peer
 * dependencies resolved from the host that loads the plugin, so nothing needs installing beside it.
 */
export function resolveSharedFromHost(rootUrl: string, hostUrl: string): void {
  const key = `${rootUrl}\n${hostUrl}`;
  if (hooked.has(key)) return;
  hooked.add(key);
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { root: rootUrl, host: hostUrl, shared: SHARED } });
}
