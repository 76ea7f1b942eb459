import type { TrainingEvent } from "@equitable/trainer";
import type { ResultRow } from "./result-row.js";

/**
 * What an experiment reports while it runs, for a caller to draw (the CLI's progress bars) or log.
 * The library draws nothing itself.
 */
export type ExperimentEvent =
  /** A data set's quirk, handled as documented in @equitable/data (reported once, for the first seed). */
  | { readonly type: "data"; readonly what: string; readonly count: number }
  /** A job starts training: `steps` optimiser steps in all. */
  | { readonly type: "job-start"; readonly label: string; readonly steps: number }
  /** One event of the trainer's stream (a step, an epoch's end). */
  | { readonly type: "training"; readonly label: string; readonly event: TrainingEvent }
  /** A job has trained (not yet evaluated). */
  | { readonly type: "job-trained"; readonly label: string; readonly epochs: number; readonly trainSeconds: number; readonly lastLoss: number }
  /** A job is trained and evaluated: its result row. */
  | { readonly type: "result"; readonly seed: number; readonly row: ResultRow };

/** Where events go: a function (an rxjs Subscriber's `next` does). */
export type EventSink = (event: ExperimentEvent) => void;

/** A sink that drops every event. */
export const ignoreEvents: EventSink = () => {};
