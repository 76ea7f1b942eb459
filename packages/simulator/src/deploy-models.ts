import { concatMap, defer, last, map, of, ReplaySubject, from, type Observable, type ObservableInput, type OperatorFunction } from "rxjs";
import type { SimTick } from "./simulation-clock.js";

/** The model deployed at one tick, and its version (0 = the initial one, +1 per swap). */
export interface Deployment<M> {
  readonly tick: SimTick;
  readonly version: number;
  readonly model: M;
}

/** When and how the operator retrains the public model ({@link deployModels}). */
export interface RetrainCadence<M> {
  /** Ticks between retrains: one starts at every tick whose index is a positive multiple of this. */
  readonly every: number;
  /** Ticks from a retrain's start to its deployment (≥ 1, ≤ every); default 1: deployed at the next tick. */
  readonly latency?: number;
  /** Starts a retrain at `tick` from the model deployed then; emits the new model (its last value counts). */
  retrain(tick: SimTick, current: M, version: number): ObservableInput<M>;
}

/**
 * Deploys a public model over the clock's ticks and swaps in retrained versions. A retrain
 * starts at tick i (every `every` ticks) while the old model keeps serving, and its model serves
 * from tick i + latency on — in simulated time, whatever the retrain took in wall-clock time: a
 * retrain slower than that holds the later ticks back (queued in order, none dropped), so the
 * same seed deploys the same versions at the same ticks.
 */
export function deployModels<M>(initial: M, cadence?: RetrainCadence<M>): OperatorFunction<SimTick, Deployment<M>> {
  const latency = cadence?.latency ?? 1;
  if (cadence) {
    if (!(Number.isInteger(cadence.every) && cadence.every >= 1)) throw new RangeError(`deployModels: every must be an integer ≥ 1 tick, got ${cadence.every}`);
    if (!(Number.isInteger(latency) && latency >= 1 && latency <= cadence.every)) {
      throw new RangeError(`deployModels: latency must be an integer in [1, every = ${cadence.every}] ticks, got ${latency}`);
    }
  }
  return (ticks) => defer(() => {
    let model = initial;
    let version = 0;
    let pending: { readonly swapAt: number; readonly result: Observable<M> } | undefined;
    const startIfDue = (tick: SimTick): void => {
      if (!cadence || tick.index === 0 || tick.index % cadence.every !== 0) return;
      // Subscribed now so the retrain runs while the old model serves; replayed when its swap tick comes.
      const result = new ReplaySubject<M>(1);
      from(cadence.retrain(tick, model, version)).pipe(last()).subscribe(result);
      pending = { swapAt: tick.index + latency, result };
    };
    return ticks.pipe(
      concatMap((tick) => {
        if (pending && tick.index >= pending.swapAt) {
          return pending.result.pipe(map((next) => {
            model = next;
            version++;
            pending = undefined;
            startIfDue(tick);
            return { tick, version, model };
          }));
        }
        startIfDue(tick);
        return of({ tick, version, model });
      }),
    );
  });
}
