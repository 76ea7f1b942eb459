import { createRandom, type LivePopulation, type Response } from "@equitable/core";
import { ConformanceError, type ConformanceFailure } from "./conformance-failure.js";

/** Options of {@link checkFeedbackRegret}. */
export interface FeedbackCheckOptions {
  /** Steps per forecast the population decides on. */
  readonly horizon: number;
  /** Seed of the random forecasts (default 1). */
  readonly seed?: number;
  /** Trajectories driven by random forecasts (default 5). */
  readonly runs?: number;
  /** Forecast values are drawn in this range (default [0, 10]). */
  readonly range?: readonly [number, number];
  /** Relative tolerance of "forecast equals realised" and of regret ≥ 0 (default 1e-9). */
  readonly tolerance?: number;
  /** Largest regret at the fixed point that counts as 0 (default tolerance × the signal's scale); series hold truths in float32, so a population pricing on one needs ~1e-4. */
  readonly regretTolerance?: number;
  /** Forecast-equals-realised iterations tried before the fixed-point check gives up silently (default 50). */
  readonly maxIterations?: number;
}

interface Play {
  readonly decisions: Float64Array;
  readonly realised: Float64Array;
}

/**
 * The live checks adapted to a closed loop (docs/closed-loop.md): agents act on forecasts, their
 * load moves the signal through `response`, and each agent's regret is priced on the *realised*
 * signal against its best trajectory there, the others' actions fixed (price-taker ex-post
 * regret). Checks that this regret is ≥ 0 under random forecasts, and that it is 0 once the
 * forecast equals the signal it realises (iterating forecast := realised from the baseline; a
 * loop that does not settle within `maxIterations` is not judged). `build(truth)` builds the
 * population over ticks 0 … n−1 whose truth at tick t is truth[t]; `baseline` is the signal
 * with no feedback, one value per tick.
 */
export function checkFeedbackRegret(build: (truth: Float64Array) => LivePopulation, response: Response, baseline: Float64Array, options: FeedbackCheckOptions): ConformanceFailure[] {
  const failures: ConformanceFailure[] = [];
  const rng = createRandom(options.seed ?? 1);
  const [lo, hi] = options.range ?? [0, 10];
  const tol = options.tolerance ?? 1e-9;
  const h = options.horizon;
  const n = baseline.length;
  const acting = build(baseline);
  if (typeof acting.load !== "function") return [{ check: "feedback-regret-non-negative", message: `population '${acting.kind}' reports no load: its actions cannot move the signal` }];
  const m = acting.ids.length;
  const width = acting.decisionWidth;
  const play = (forecastAt: (t: number) => ArrayLike<number>): Play => {
    const decisions = new Float64Array(n * m * width);
    const realised = new Float64Array(n);
    let state = acting.initialState();
    for (let t = 0; t < n; t++) {
      const step = acting.step(state, t, forecastAt(t));
      state = step.state;
      decisions.set(step.decision, t * m * width);
      realised[t] = response.realise(t, baseline[t], acting.load!(step.decision, t));
    }
    return { decisions, realised };
  };
  const worstOf = (regrets: Float64Array) => regrets.reduce((acc, r, j) => (r > acc.r ? { r, j } : acc), { r: -Infinity, j: -1 });
  for (let k = 0; k < (options.runs ?? 5); k++) {
    const forecasts = Float64Array.from({ length: n * h }, () => lo + (hi - lo) * rng.next());
    const p = play((t) => forecasts.subarray(t * h, (t + 1) * h));
    const regrets = build(p.realised).regrets(0, n, p.decisions);
    const least = regrets.reduce((acc, r, j) => (r < acc.r ? { r, j } : acc), { r: Infinity, j: -1 });
    if (least.j >= 0 && !(least.r >= -tol * Math.max(1, Math.abs(least.r)))) {
      failures.push({ check: "feedback-regret-non-negative", message: `run ${k}, agent ${acting.ids[least.j]}: regret ${least.r} on the realised signal` });
      break;
    }
  }
  let guess: Float64Array = Float64Array.from(baseline);
  const window = (values: Float64Array, t: number) => Float64Array.from({ length: h }, (_, u) => values[Math.min(t + u, n - 1)]);
  for (let it = 0; it < (options.maxIterations ?? 50); it++) {
    const current = guess;
    const p = play((t) => window(current, t));
    let gap = 0;
    let scale = 1;
    for (let t = 0; t < n; t++) {
      gap = Math.max(gap, Math.abs(p.realised[t] - current[t]));
      scale = Math.max(scale, Math.abs(current[t]));
    }
    if (gap <= tol * scale) {
      const worst = worstOf(build(p.realised).regrets(0, n, p.decisions));
      if (worst.j >= 0 && worst.r > (options.regretTolerance ?? tol * scale)) {
        failures.push({ check: "feedback-zero-at-fixed-point", message: `agent ${acting.ids[worst.j]}: regret ${worst.r} with the forecast equal to the signal it realised (iteration ${it})` });
      }
      break;
    }
    guess = p.realised;
  }
  return failures;
}

/** {@link checkFeedbackRegret}, throwing a {@link ConformanceError} that lists every failure. */
export function assertConformingFeedback(build: (truth: Float64Array) => LivePopulation, response: Response, baseline: Float64Array, options: FeedbackCheckOptions): void {
  const failures = checkFeedbackRegret(build, response, baseline, options);
  if (failures.length > 0) throw new ConformanceError("closed loop", failures);
}
