import { InputError } from "@equitable/core";
import { instanceKey } from "./instance-key.js";
import type { Decision, ProblemLike } from "./problem-kind.js";
import type { DecisionOf } from "./problems.js";

/** An LRU of decisions keyed by the exact instance: the kind's name and its instanceKey (k, costs, ... bit for bit for the built-ins). */
export interface SolutionCache {
  /**
   * The cached decision (a fresh copy) or undefined; counts a hit or a miss. `backend` keeps the
   * decisions of different backends apart: on ties they may pick different, equally cheap, slots.
   */
  get<P extends ProblemLike>(problem: P, backend?: string): DecisionOf<P> | undefined;
  /** Stores a copy of the decision, evicting the least recently used entry when full. */
  set<P extends ProblemLike>(problem: P, decision: DecisionOf<P>, backend?: string): void;
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
  const entries = new Map<string, Decision>();
  let hits = 0;
  let misses = 0;
  return {
    get<P extends ProblemLike>(problem: P, backend = ""): DecisionOf<P> | undefined {
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
    set<P extends ProblemLike>(problem: P, decision: DecisionOf<P>, backend = ""): void {
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

function cacheKey(problem: ProblemLike, backend: string): string {
  return `${backend}\u0000${instanceKey(problem)}`;
}
