// Shared by the solvers specs only (not exported from index.ts): error capture, the random
// problem generators behind the property tests, and brute-force references for the k-cheapest kernel.
import { InputError } from "@equitable/core";
import fc from "fast-check";
import { expect } from "vitest";
import type { KCheapestProblem, Problem, SingleSumProblem } from "./problems.js";

/** The InputError `fn` throws (fails the test when it throws nothing or something else). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError, nothing was thrown");
}

/**
 * T costs in one of three flavours: many ties (a set of 4 integers), all distinct, or anything on
 * a 2^-20 grid in ±1024. The grid keeps gaps between distinct costs far above
 * javascript-lp-solver's precision (1e-8): given costs like −1e-16, 0, 5e-324 it returns k slots
 * that are optimal only to that precision, so "same decision when costs differ" would fail for
 * the reference's reasons, not the fast path's.
 */
export function costsArb(minLength: number, maxLength: number): fc.Arbitrary<number[]> {
  const grid = fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((v) => v / 2 ** 20);
  return fc.oneof(
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength, maxLength }),
    fc.uniqueArray(grid, { minLength, maxLength }),
    fc.array(grid, { minLength, maxLength }),
  );
}

/** Σ_t costs_t·x_t of a decision: the objective both built-in kinds minimise. */
export function objectiveOf(problem: Problem, decision: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < problem.costs.length; t++) if (decision[t] !== 0) sum += problem.costs[t] * decision[t];
  return sum;
}

/** Whether no two costs are equal. */
export function allDistinct(costs: ArrayLike<number>): boolean {
  return new Set(Array.from(costs)).size === costs.length;
}

/** A k-cheapest problem with T ∈ [minT, maxT] and k ∈ [0, T]. */
export function kCheapestArb(minT = 1, maxT = 16): fc.Arbitrary<KCheapestProblem> {
  return costsArb(minT, maxT).chain((costs) =>
    fc.integer({ min: 0, max: costs.length }).map((k): KCheapestProblem => ({ kind: "k-cheapest", costs, k })),
  );
}

/** A feasible single-sum problem: caps on a 1/4 grid in [0, 10] or +Infinity, total ∈ [0, Σ caps] (ends included). */
export function singleSumArb(minT = 1, maxT = 16): fc.Arbitrary<SingleSumProblem> {
  return costsArb(minT, maxT).chain((costs) => {
    const cap = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }).map((v) => v / 4) },
      { weight: 1, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
    );
    const fraction = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
    return fc.tuple(fc.array(cap, { minLength: costs.length, maxLength: costs.length }), fraction).map(([upper, f]): SingleSumProblem => {
      let sumUpper = 0;
      for (const u of upper) sumUpper += u;
      const total = Number.isFinite(sumUpper) ? (f === 1 ? sumUpper : f * sumUpper) : f * 100;
      return { kind: "single-sum", costs, upper, total };
    });
  });
}

/** Every subset of k of the slots 0..slots−1, as index arrays. */
export function subsets(slots: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let t = from; t <= slots - (k - chosen.length); t++) pick(t + 1, [...chosen, t]);
  };
  pick(0, []);
  return out;
}

/** Σ values[row, t] over a subset. */
export function subsetCost(values: ArrayLike<number>, row: number, slots: number, subset: readonly number[]): number {
  let c = 0;
  for (const t of subset) c += values[row * slots + t];
  return c;
}

/**
 * Brute force over all C(T, k) schedules of one row: the truth optimum, and the best and worst truth
 * cost among the schedules that are optimal for the forecast (ties make the forecast's choice ambiguous).
 */
export function bruteForce(
  forecast: ArrayLike<number>,
  truth: ArrayLike<number>,
  row: number,
  slots: number,
  k: number,
): { truthOptimum: number; bestOfForecastOptima: number; worstOfForecastOptima: number } {
  const all = subsets(slots, k);
  let fMin = Infinity;
  let truthOptimum = Infinity;
  for (const s of all) {
    fMin = Math.min(fMin, subsetCost(forecast, row, slots, s));
    truthOptimum = Math.min(truthOptimum, subsetCost(truth, row, slots, s));
  }
  let bestOfForecastOptima = Infinity;
  let worstOfForecastOptima = -Infinity;
  for (const s of all) {
    if (subsetCost(forecast, row, slots, s) <= fMin + 1e-9) {
      const c = subsetCost(truth, row, slots, s);
      bestOfForecastOptima = Math.min(bestOfForecastOptima, c);
      worstOfForecastOptima = Math.max(worstOfForecastOptima, c);
    }
  }
  return { truthOptimum, bestOfForecastOptima, worstOfForecastOptima };
}
