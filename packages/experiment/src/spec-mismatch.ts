import type { ModelSpec } from "@equitable/model";

/**
 * The first field in which a saved model's spec differs from the one its scenario describes, as
 * "spec.window is 12, the scenario's is 24"; undefined when they agree. A model edited or paired
 * with another scenario would otherwise fail deep inside predict with an internal error.
 */
export function specMismatch(saved: ModelSpec, expected: ModelSpec): string | undefined {
  const a = saved as unknown as Record<string, unknown>;
  const b = expected as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (a[key] !== b[key]) return `spec.${key} is ${String(a[key])}, the scenario's is ${String(b[key])}`;
  }
  return undefined;
}
