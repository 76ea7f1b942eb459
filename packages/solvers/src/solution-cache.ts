import { InputError } from "@equitable/core";
import type { DecisionOf, Problem } from "./problems.js";

/** An LRU of decisions keyed by the exact instance (kind, costs, k / total / upper, bit for bit). */
export interface SolutionCache {
  /**
   * The cached decision (a fresh copy) or undefined; counts a hit or a miss. `backend` keeps the
   * decisions of different backends apart: on ties they may pick different, equally cheap, slots.
   */
  get<P extends Problem>(problem: P, backend?: string): DecisionOf<P> | undefined;
  /** Stores a copy of the decision, evicting the least recently used entry when full. */
  set<P extends Problem>(problem: P, decision: DecisionOf<P>, backend?: string): void;
  /** Entries held now. */
  readonly size: number;
  /** get calls that found an entry. */
  readonly hits: number;
  /** get calls that found none. */
  readonly misses: number;
  /** The most entries held at once. */
  readonly maxEntries: number;
  /** Drops all entries and zeroes the counters. */
  clear(): void;
}

/** Options of {@link createSolutionCache}. */
export interface SolutionCacheOptions {
  /** Positive integer: the most entries held at once. */
  maxEntries: number;
}

/** A new, empty {@link SolutionCache}. */
export function createSolutionCache(options: SolutionCacheOptions): SolutionCache {
  const maxEntries = options?.maxEntries;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new InputError("maxEntries", `must be a positive integer, got ${maxEntries}`);
  // A Map iterates in insertion order; re-inserting on every hit makes its first key the LRU one.
  const entries = new Map<string, Uint8Array | Float64Array>();
  let hits = 0;
  let misses = 0;
  return {
    get<P extends Problem>(problem: P, backend = ""): DecisionOf<P> | undefined {
      const key = cacheKey(problem, backend);
      const found = entries.get(key);
      if (found === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      entries.delete(key);
      entries.set(key, found);
      return found.slice() as DecisionOf<P>;
    },
    set<P extends Problem>(problem: P, decision: DecisionOf<P>, backend = ""): void {
      const key = cacheKey(problem, backend);
      entries.delete(key);
      entries.set(key, decision.slice());
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    maxEntries,
    clear() {
      entries.clear();
      hits = 0;
      misses = 0;
    },
  };
}

/**
 * The exact instance as a string: the float64 bytes of (k or total, T, costs, upper) as UTF-16
 * code units, so 0.1 + 0.2 and 0.3 (or 0 and −0) are different instances.
 */
export function instanceKey(problem: Problem): string {
  const slots = problem.costs.length;
  const single = problem.kind === "single-sum";
  const packed = new Float64Array(2 + (single ? 2 : 1) * slots);
  packed[0] = single ? problem.total : problem.k;
  packed[1] = slots;
  for (let t = 0; t < slots; t++) packed[2 + t] = problem.costs[t];
  if (single) for (let t = 0; t < slots; t++) packed[2 + slots + t] = problem.upper[t];
  const units = new Uint16Array(packed.buffer);
  let text = `${problem.kind}:`;
  // fromCharCode takes its units as arguments: stay well under the engines' argument limit.
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

function cacheKey(problem: Problem, backend: string): string {
  return `${backend}\u0000${instanceKey(problem)}`;
}
