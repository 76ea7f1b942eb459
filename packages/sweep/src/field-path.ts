/** "agents[0].count" or "agents.0.count" → ["agents", 0, "count"]. */
export function pathParts(path: string): (string | number)[] {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * A deep copy of `value` with `path` set to `next`; a missing object on the way is created (the
 * scenario schema then says whether the field exists), a missing array element is an error.
 */
export function setPath(value: unknown, path: string, next: unknown): unknown {
  const parts = pathParts(path);
  const root = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (let k = 0; k < parts.length - 1; k++) {
    const part = parts[k];
    if (typeof part === "number" && (!Array.isArray(node) || part >= node.length)) {
      throw new RangeError(`has no element ${part} (the scenario lists ${Array.isArray(node) ? node.length : 0})`);
    }
    if (node[part] === undefined || node[part] === null) node[part] = {};
    if (typeof node[part] !== "object") throw new RangeError(`'${parts.slice(0, k + 1).join(".")}' is not an object`);
    node = node[part] as Record<string | number, unknown>;
  }
  node[parts[parts.length - 1]] = structuredClone(next);
  return root;
}
