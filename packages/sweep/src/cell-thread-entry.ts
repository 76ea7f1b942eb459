/** The worker thread's module: TypeScript sources when run from source, the build otherwise. */
export function cellThreadEntry(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./cell-thread.ts" : "./cell-thread.js", import.meta.url);
}
