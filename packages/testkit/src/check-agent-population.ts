import { createRandom, type AgentPopulation } from "@equitable/core";
import { isDifferentiable } from "@equitable/core";
import { ConformanceError, type ConformanceCheck, type ConformanceFailure } from "./conformance-failure.js";
import { drawBatch, type DrawnBatch } from "./draw-batch.js";
import {
  checkDeterministic, checkFinite, checkIdentity, checkNonNegative, checkOwnContext, checkPure, checkRowsIndependent,
  checkShape, checkZeroAtTruth, regretsOf, type Verdict,
} from "./float-checks.js";
import { resolvePopulationCheckOptions, type PopulationCheckOptions } from "./population-check-options.js";
import { checkDifferentiableApi, checkGradient, checkNoTensorLeak, checkTensorMatchesFloat } from "./tensor-checks.js";

function copyOf(d: DrawnBatch): DrawnBatch {
  return { batch: d.batch, forecast: d.forecast.slice(), truth: d.truth.slice(), xi: d.xi.slice() };
}

/**
 * Runs every conformance check on a population over seeded random batches, as PettingZoo's
 * `api_test` does for environments: regrets are B×M, finite, ≥ 0, zero for a perfect forecast,
 * deterministic, side-effect free, per sample and per agent; a differentiable population's
 * tfjs regrets also match the float64 ones, have finite-difference-correct gradients and leak
 * no tensors. Returns the failures, the first per check (empty: the population conforms).
 */
export function checkAgentPopulation(population: AgentPopulation, options: PopulationCheckOptions): ConformanceFailure[] {
  const opts = resolvePopulationCheckOptions(options);
  const failures: ConformanceFailure[] = [];
  const failed = new Set<ConformanceCheck>();
  const record = (check: ConformanceCheck, verdict: Verdict, trial?: number) => {
    if (verdict === undefined || failed.has(check)) return;
    failed.add(check);
    failures.push({ check, message: trial === undefined ? verdict : `trial ${trial}, ${verdict}` });
  };

  record("identity", checkIdentity(population));
  if (failed.size > 0) return failures;
  const differentiable = population.differentiable;
  if (differentiable) record("differentiable-api", checkDifferentiableApi(population));

  const rng = createRandom(opts.seed);
  const m = population.ids.length;
  for (let trial = 0; trial < opts.trials; trial++) {
    const d = drawBatch(population, opts, rng);
    const other = drawBatch(population, opts, rng);
    const before = copyOf(d);
    const out: unknown = regretsOf(population, d);
    record("shape", checkShape(population, d, out), trial);
    if (failed.has("shape")) break; // every other check indexes B×M values
    const regrets = out as Float64Array;
    record("pure", checkPure(d, before), trial);
    if (failed.has("pure")) Object.assign(d, copyOf(before));
    record("finite", checkFinite(population, regrets), trial);
    record("non-negative", checkNonNegative(population, regrets, opts.tolerance), trial);
    record("zero-at-truth", checkZeroAtTruth(population, d, regrets, opts.tolerance), trial);
    record("deterministic", checkDeterministic(population, d, regrets), trial);
    record("rows-independent", checkRowsIndependent(population, d, regrets, opts.horizon, opts.tolerance), trial);
    if (m > 1) record("own-context", checkOwnContext(population, d, other, regrets, opts.tolerance), trial);
    if (differentiable && isDifferentiable(population)) {
      record("tensor-matches-float", checkTensorMatchesFloat(population, d, regrets, opts.horizon, opts.gradientTolerance), trial);
      const weights = new Float64Array(d.batch * m);
      for (let i = 0; i < weights.length; i++) weights[i] = rng.next();
      record("gradient", checkGradient(population, d, weights, opts.horizon, opts.gradientTolerance), trial);
      if (trial === 0) record("no-tensor-leak", checkNoTensorLeak(population, d, opts.horizon), trial);
    }
  }
  return failures;
}

/** {@link checkAgentPopulation}, throwing a {@link ConformanceError} that lists every failure; for use inside any test runner. */
export function assertConformingPopulation(population: AgentPopulation, options: PopulationCheckOptions): void {
  const failures = checkAgentPopulation(population, options);
  if (failures.length > 0) throw new ConformanceError(`population "${population.kind}"`, failures);
}
