/**
 * Path of the first number in a parsed JSON value that is not finite, or undefined. JSON has no
 * Infinity, but a literal such as 1e999 overflows to it, and zod's z.number() accepts Infinity.
 */
export function nonFinitePath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const found = nonFinitePath(v, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
