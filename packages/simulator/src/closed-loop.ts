import { concatMap, defer, from, last, map, of, type ObservableInput, type OperatorFunction } from "rxjs";

/** One tick played in a closed loop: what was observed there, the round it belongs to, and the model version that served. */
export interface LoopTick<T, O> {
  readonly tick: T;
  readonly round: number;
  readonly version: number;
  readonly observed: O;
}

/** The two halves of a closed loop's cycle ({@link closedLoop}). */
export interface LoopCycle<T, M, O> {
  /** The round a tick belongs to (non-decreasing along the clock); a retrain runs wherever it changes. */
  roundOf(tick: T): number;
  /** Deploy → act → realise at one tick with the model serving: synchronous, its result is what was observed. */
  act(tick: T, model: M, round: number): O;
  /** Retrains on what round `round` observed (in tick order), from the model that served it; its last value serves the next round. */
  retrain(round: number, model: M, observed: readonly O[]): ObservableInput<M>;
}

/**
 * The closed loop as an rxjs cycle (performative prediction's repeated retraining): each tick is
 * acted on with the model serving, and what it realised is kept; at the first tick of a new round
 * the model is retrained on the previous round's observations and redeployed before that tick is
 * played. A retrain slower than the clock holds later ticks back, queued in order (concatMap):
 * none is dropped or reordered, and the same seed plays the same rounds whatever the retrain took.
 */
export function closedLoop<T, M, O>(initial: M, cycle: LoopCycle<T, M, O>): OperatorFunction<T, LoopTick<T, O>> {
  return (ticks) => defer(() => {
    let model = initial;
    let version = 0;
    let round: number | undefined;
    let observed: O[] = [];
    const play = (tick: T, r: number): LoopTick<T, O> => {
      const o = cycle.act(tick, model, r);
      observed.push(o);
      return { tick, round: r, version, observed: o };
    };
    return ticks.pipe(
      concatMap((tick) => {
        const r = cycle.roundOf(tick);
        if (round === undefined || r === round) {
          round = r;
          return defer(() => of(play(tick, r)));
        }
        const previous = round;
        const seen = observed;
        observed = [];
        round = r;
        return defer(() => from(cycle.retrain(previous, model, seen))).pipe(
          last(),
          map((next) => {
            model = next;
            version++;
            return play(tick, r);
          }),
        );
      }),
    );
  });
}
