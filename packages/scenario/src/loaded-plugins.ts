/** Plugins loaded into this process, as their scenarios named them (for "plugins loaded: …" in errors). */
const loaded: string[] = [];

/** Records a loaded plugin under the name its scenario gave it. */
export function recordPlugin(name: string): void {
  if (!loaded.includes(name)) loaded.push(name);
}

/** Plugins loaded so far, in load order. */
export function loadedPlugins(): readonly string[] {
  return loaded;
}
