import { InputError } from "@equitable/core";

/** One term of Eq. 13's combined signal: an already-scaled hourly series, its weight, and a name for errors. */
export interface SignalPart {
  /** Name used in errors, e.g. "carbon", "water", "price". */
  readonly name: string;
  /** The scaled series (the paper scales each to [0, 10] first). */
  readonly values: ArrayLike<number>;
  /** Its weight (1 for E^C; γ for water, η for price; the paper uses γ = η = 1). */
  readonly weight: number;
}

/**
 * E_t = E^C_t + γ·E^W_t + η·E^P_t (Eq. 13) as Σ weight·values over the parts. All parts must have the
 * same length and finite values and weights; otherwise InputError naming the part (and the index:
 * `signal 'water' index 17: NaN`), since a NaN here would silently poison every agent's decision.
 */
export function combineSignals(parts: readonly SignalPart[]): Float64Array {
  if (parts.length === 0) throw new InputError("signals", "needs at least one signal to combine");
  const n = parts[0].values.length;
  if (n === 0) throw new InputError(`signal '${parts[0].name}'`, "is empty");
  for (const { name, values, weight } of parts) {
    if (!Number.isFinite(weight)) throw new InputError(`signal '${name}'`, `weight is ${weight}, not a finite number`);
    if (values.length !== n) {
      throw new InputError(`signal '${name}'`, `has ${values.length} values, signal '${parts[0].name}' has ${n}`);
    }
  }
  const out = new Float64Array(n);
  for (const { name, values, weight } of parts) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) throw new InputError(`signal '${name}' index ${i}`, `${v}`);
      out[i] += weight * v;
    }
  }
  return out;
}
