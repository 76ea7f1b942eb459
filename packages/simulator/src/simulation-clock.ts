import { from, map, scheduled, take, timer, type Observable, type SchedulerLike } from "rxjs";

/** One tick of simulated time: its index in the live period and the hour it stands for on the signal's axis. */
export interface SimTick {
  readonly index: number;
  readonly hour: number;
}

/** Options of {@link simulationClock}. */
export interface ClockOptions {
  /** Scheduler time units between ticks; 0 (default) emits as fast as subscribers take them. */
  readonly period?: number;
  /** Scheduler the clock runs on (a TestScheduler in virtual time; default: synchronous). */
  readonly scheduler?: SchedulerLike;
}

/**
 * The simulation's clock: one {@link SimTick} per hour of the live period, in order. With a period
 * it ticks on the scheduler's time (marble tests run it in virtual time); without, it replays the
 * hours as fast as downstream operators accept them, so a simulated year costs no wall-clock wait.
 */
export function simulationClock(hours: ArrayLike<number>, options: ClockOptions = {}): Observable<SimTick> {
  const n = hours.length;
  const tickAt = (index: number): SimTick => ({ index, hour: hours[index] });
  const period = options.period ?? 0;
  if (!(Number.isFinite(period) && period >= 0)) throw new RangeError(`simulationClock: period must be a finite number ≥ 0, got ${period}`);
  if (period > 0) return timer(0, period, options.scheduler).pipe(take(n), map(tickAt));
  const ticks: Iterable<SimTick> = {
    *[Symbol.iterator]() {
      for (let i = 0; i < n; i++) yield tickAt(i);
    },
  };
  return options.scheduler ? scheduled(ticks, options.scheduler) : from(ticks);
}
