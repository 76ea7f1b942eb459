import { createRandom, type LivePopulation } from "@equitable/core";
import { ConformanceError, type ConformanceFailure } from "./conformance-failure.js";

/** Options of {@link checkLivePopulation}. */
export interface LiveCheckOptions {
  /** Steps per forecast the population decides on. */
  readonly horizon: number;
  /** Seed of the forecasts and windows drawn (default 1). */
  readonly seed?: number;
  /** Trajectories driven by random forecasts (default 5). */
  readonly runs?: number;
  /** Forecast values are drawn in this range (default [0, 10], the signal's scaling). */
  readonly range?: readonly [number, number];
  /** The truth of each tick's next H steps, for the perfect-foresight check; omit to skip it. */
  readonly foresight?: (tick: number) => ArrayLike<number>;
  /** Relative tolerance of regret comparisons (default 1e-9). */
  readonly tolerance?: number;
}

interface Trajectory {
  readonly states: Float64Array[];
  readonly decisions: Float64Array;
  readonly costs: Float64Array;
}

function run(population: LivePopulation, forecastAt: (tick: number) => ArrayLike<number>): Trajectory {
  const m = population.ids.length;
  const width = population.decisionWidth;
  const decisions = new Float64Array(population.ticks * m * width);
  const costs = new Float64Array(population.ticks * m);
  const states: Float64Array[] = [];
  let state = population.initialState();
  for (let t = 0; t < population.ticks; t++) {
    const step = population.step(state, t, forecastAt(t));
    state = step.state;
    states.push(state);
    decisions.set(step.decision, t * m * width);
    costs.set(population.cost(step.decision, t), t * m);
  }
  return { states, decisions, costs };
}

const windowOf = (p: LivePopulation, tr: Trajectory, from: number, to: number) =>
  tr.decisions.subarray(from * p.ids.length * p.decisionWidth, to * p.ids.length * p.decisionWidth);

/**
 * Conformance of a stateful kind deployed over time (the adaptation of the kind checks to state):
 * the same seed builds the same trajectory byte for byte; every state the agents reach under
 * random forecasts is feasible; regret over any window is ≥ 0 against its hindsight optimum; a
 * window's regret is at least the sum of its two halves' (fixing the state in between can only
 * raise the hindsight cost); and with perfect foresight, regret is 0. `build(seed)` builds the
 * population the kind would for that seed.
 */
export function checkLivePopulation(build: (seed: number) => LivePopulation, options: LiveCheckOptions): ConformanceFailure[] {
  const failures: ConformanceFailure[] = [];
  const rng = createRandom(options.seed ?? 1);
  const [lo, hi] = options.range ?? [0, 10];
  const tol = options.tolerance ?? 1e-9;
  const h = options.horizon;
  for (let k = 0; k < (options.runs ?? 5); k++) {
    const seed = 1 + rng.int(1_000_000);
    const population = build(seed);
    const n = population.ticks;
    const forecasts = Float64Array.from({ length: n * h }, () => lo + (hi - lo) * rng.next());
    const forecastAt = (t: number) => forecasts.subarray(t * h, (t + 1) * h);
    const a = run(population, forecastAt);
    const b = run(build(seed), forecastAt);
    if (!sameBytes(a.decisions, b.decisions) || !sameBytes(a.costs, b.costs) || !a.states.every((s, t) => sameBytes(s, b.states[t]))) {
      failures.push({ check: "live-same-seed-same-trajectory", message: `run ${k}, seed ${seed}: two populations built from the same seed took different trajectories` });
    }
    for (let t = 0; t < n; t++) {
      const why = population.violation(a.states[t], t);
      if (why !== undefined) {
        failures.push({ check: "live-state-feasible", message: `run ${k}, seed ${seed}, tick ${t}: ${why}` });
        break;
      }
    }
    for (let w = 0; w < 6 && n > 1; w++) {
      const from = rng.int(n - 1);
      const to = from + 2 + rng.int(n - from - 1);
      const mid = from + 1 + rng.int(to - from - 1);
      const whole = population.regrets(from, to, windowOf(population, a, from, to));
      const left = population.regrets(from, mid, windowOf(population, a, from, mid));
      const right = population.regrets(mid, to, windowOf(population, a, mid, to));
      for (let j = 0; j < whole.length; j++) {
        const scale = Math.max(1, Math.abs(whole[j]));
        if (!(whole[j] >= -tol * scale)) {
          failures.push({ check: "live-regret-non-negative", message: `run ${k}, seed ${seed}, ticks [${from}, ${to}), agent ${population.ids[j]}: regret ${whole[j]}` });
          w = 6;
          break;
        }
        if (whole[j] + tol * scale < left[j] + right[j]) {
          failures.push({
            check: "live-regret-superadditive",
            message: `run ${k}, seed ${seed}, agent ${population.ids[j]}: regret ${whole[j]} over [${from}, ${to}) is below ${left[j]} + ${right[j]} over [${from}, ${mid}) and [${mid}, ${to})`,
          });
          w = 6;
          break;
        }
      }
    }
    if (options.foresight) {
      const perfect = run(build(seed), options.foresight);
      const regrets = population.regrets(0, n, perfect.decisions);
      const worst = regrets.reduce((acc, r, j) => (r > acc.r ? { r, j } : acc), { r: 0, j: -1 });
      if (worst.j >= 0 && worst.r > tol * Math.max(1, Math.abs(perfect.costs.reduce((s, c) => s + c, 0)))) {
        failures.push({ check: "live-zero-with-foresight", message: `run ${k}, seed ${seed}, agent ${population.ids[worst.j]}: regret ${worst.r} over the whole period with the truth as forecast` });
      }
    }
  }
  return failures;
}

/** {@link checkLivePopulation}, throwing a {@link ConformanceError} that lists every failure. */
export function assertConformingLive(build: (seed: number) => LivePopulation, options: LiveCheckOptions): void {
  const failures = checkLivePopulation(build, options);
  if (failures.length > 0) throw new ConformanceError("live population", failures);
}

function sameBytes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
