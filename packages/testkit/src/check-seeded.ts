import { createRandom, type Random } from "@equitable/core";
import { ConformanceError, type ConformanceFailure } from "./conformance-failure.js";

/** Options of {@link checkSeededBuilder}. */
export interface SeededCheckOptions {
  /** The seed the check builds with; a second, different seed is derived from it. */
  readonly seed: number | string;
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/**
 * Seed test for anything stochastic an author writes (context builders, perturbations, samplers),
 * as PettingZoo's `seed_test`: the same seed gives the same numbers, a different seed gives
 * different ones, and the only randomness used is the Random passed in (Math.random is
 * watched during each build). A builder with no randomness at all fails "seed-matters" by design.
 */
export function checkSeededBuilder(build: (rng: Random) => ArrayLike<number>, options: SeededCheckOptions): ConformanceFailure[] {
  const failures: ConformanceFailure[] = [];
  const original = Math.random;
  let calls = 0;
  const watched = (rng: Random) => {
    Math.random = () => {
      calls++;
      return original();
    };
    try {
      return Array.from(build(rng));
    } finally {
      Math.random = original;
    }
  };
  const first = watched(createRandom(options.seed));
  const second = watched(createRandom(options.seed));
  const other = watched(createRandom(`${options.seed}/seed-test`));
  if (calls > 0) failures.push({ check: "rng-only", message: `the builder called Math.random ${calls} times; draw from the Random it is given` });
  const same = firstDifference(first, second);
  if (same >= 0) {
    failures.push({
      check: "same-seed-same-output",
      message: first.length !== second.length
        ? `seed ${options.seed} gave ${first.length} values, then ${second.length}`
        : `seed ${options.seed} gave ${first[same]} at index ${same}, then ${second[same]}`,
    });
  }
  if (first.length === 0) failures.push({ check: "seed-matters", message: "the builder returned no values, so a seed cannot be seen to matter" });
  else if (firstDifference(first, other) < 0) {
    failures.push({ check: "seed-matters", message: `seeds ${options.seed} and ${options.seed}/seed-test gave identical output (${first.length} values)` });
  }
  return failures;
}

/** {@link checkSeededBuilder}, throwing a {@link ConformanceError} that lists every failure. */
export function assertSeededBuilder(build: (rng: Random) => ArrayLike<number>, options: SeededCheckOptions): void {
  const failures = checkSeededBuilder(build, options);
  if (failures.length > 0) throw new ConformanceError("builder", failures);
}
