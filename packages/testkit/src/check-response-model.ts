import { createRandom, type Response, type ResponseBuildContext, type ResponseModel } from "@equitable/core";
import { ConformanceError, type ConformanceFailure } from "./conformance-failure.js";

/** Options of {@link checkResponseModel}. */
export interface ResponseCheckOptions {
  /** Seed of the hours, baselines and loads drawn (default 1). */
  readonly seed?: number;
  /** Draws (default 200). */
  readonly runs?: number;
  /** Loads are drawn in reference ± this (default 100). */
  readonly loadSpan?: number;
  /** Relative tolerance (default 1e-9). */
  readonly tolerance?: number;
}

/**
 * Conformance of a response model (the closed loop's contract, core's ResponseModel): built with
 * `params` on `ctx`, it realises the baseline at its reference load, gives the same value for the
 * same inputs, stays finite for finite inputs, and moves the signal monotonically in the load
 * (one direction for the whole world: more load never moves it back).
 */
export function checkResponseModel<P extends object>(model: ResponseModel<P>, params: unknown, ctx: ResponseBuildContext, options: ResponseCheckOptions = {}): ConformanceFailure[] {
  const failures: ConformanceFailure[] = [];
  const parsed = model.fields.safeParse(params);
  if (!parsed.success) return [{ check: "response-finite", message: `params do not satisfy the model's fields: ${parsed.error.issues[0]?.message}` }];
  const response: Response = model.build(parsed.data as P, ctx);
  const rng = createRandom(options.seed ?? 1);
  const tol = options.tolerance ?? 1e-9;
  const span = options.loadSpan ?? 100;
  const hours = ctx.baseline.length;
  let direction = 0;
  const fail = (check: ConformanceFailure["check"], message: string) => {
    if (!failures.some((f) => f.check === check)) failures.push({ check, message });
  };
  for (let k = 0; k < (options.runs ?? 200); k++) {
    const hour = rng.int(hours);
    const y0 = ctx.baseline[hour];
    const a = response.reference + span * (2 * rng.next() - 1);
    const b = response.reference + span * (2 * rng.next() - 1);
    const atReference = response.realise(hour, y0, response.reference);
    if (!(Math.abs(atReference - y0) <= tol * Math.max(1, Math.abs(y0)))) fail("response-reference-is-baseline", `hour ${hour}: load ${response.reference} (the reference) realises ${atReference}, baseline ${y0}`);
    const ya = response.realise(hour, y0, a);
    const yb = response.realise(hour, y0, b);
    if (!Number.isFinite(ya) || !Number.isFinite(yb)) fail("response-finite", `hour ${hour}, baseline ${y0}: loads ${a}, ${b} realise ${ya}, ${yb}`);
    if (!Object.is(ya, response.realise(hour, y0, a))) fail("response-deterministic", `hour ${hour}, load ${a}: two calls realised different values`);
    const moved = Math.sign((yb - ya) * (b - a));
    if (moved !== 0 && Math.abs(yb - ya) > tol * Math.max(1, Math.abs(ya))) {
      if (direction === 0) direction = moved;
      else if (moved !== direction) fail("response-monotone", `hour ${hour}: loads ${a} → ${b} move the signal ${ya} → ${yb}, against the direction seen before`);
    }
  }
  return failures;
}

/** {@link checkResponseModel}, throwing a {@link ConformanceError} that lists every failure. */
export function assertConformingResponse<P extends object>(model: ResponseModel<P>, params: unknown, ctx: ResponseBuildContext, options?: ResponseCheckOptions): void {
  const failures = checkResponseModel(model, params, ctx, options);
  if (failures.length > 0) throw new ConformanceError("response model", failures);
}
