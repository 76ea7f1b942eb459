// Internal: the checks and the sum row shared by the built-in slot kinds (k-cheapest, single-sum).
import { InputError } from "@equitable/core";
import { whereIn, type InstanceRef } from "./instance-ref.js";

/** The length of an array-like, or InputError naming the field. */
export function checkArrayLike(values: ArrayLike<number>, field: string, ref: InstanceRef | undefined): number {
  const n = (values as { length?: unknown } | null | undefined)?.length;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new InputError(whereIn(ref, field), "must be an array of numbers");
  return n;
}

/** checkArrayLike, plus every entry finite (InputError names the slot: `costs[4]`). */
export function checkFiniteArray(values: ArrayLike<number>, field: string, ref: InstanceRef | undefined): number {
  const n = checkArrayLike(values, field, ref);
  for (let t = 0; t < n; t++) {
    const v = values[t];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(whereIn(ref, `${field}[${t}]`), `must be a finite number, got ${v}`);
  }
  return n;
}

/** The coefficients of Σ_t x_t over the variables x0..x{T−1}. */
export function ones(slots: number): Record<string, number> {
  const coefficients: Record<string, number> = {};
  for (let t = 0; t < slots; t++) coefficients[`x${t}`] = 1;
  return coefficients;
}
