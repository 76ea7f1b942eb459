import type { ZodObject, ZodRawShape } from "zod";

/** What a response model's `build` gets from the world it will move. */
export interface ResponseBuildContext {
  /** The baseline signal per hour of the signal's axis, in the units the public model forecasts (what history recorded). */
  readonly baseline: Float64Array;
  /** Whether the scenario reads real files or generates its signals. */
  readonly source: "real" | "synthetic";
  /** Absolute path of the real file named by `data.<field>`; an InputError when it is not given. */
  dataFile(field: string): string;
}

/**
 * A built response: how the agents' aggregate load at one hour moves the signal realised there.
 * Pure and per hour, so the simulator can realise each tick as soon as the agents have acted.
 */
export interface Response {
  /** The load at which the realised signal is the baseline (0 for added load; linear-shift's `reference`). */
  readonly reference: number;
  /** The field (of `feedback`) an error names when the realised signal is negative or non-finite ("slope"). */
  readonly blame: string;
  /** The realised signal at `hour`, from its baseline value and the agents' aggregate load there. */
  realise(hour: number, baseline: number, load: number): number;
}

/**
 * A response model, as a package registers it (as agent and model kinds are): the closed loop's one
 * edge from the agents' actions back to the signal (performative prediction, Perdomo et al. 2020).
 * A scenario names it as `feedback.model`, with its own `fields`.
 */
export interface ResponseModel<P extends object = Record<string, unknown>> {
  /** The name scenarios give as `feedback.model` ("merit-order"). */
  readonly name: string;
  /** One line: how the agents' load moves the signal. */
  readonly description: string;
  /** zod object of the model's fields besides `model`; `.describe()` texts become the docs. */
  readonly fields: ZodObject<ZodRawShape>;
  /** The response for one world; throws an InputError naming the field when the parameters cannot work there. */
  build(params: P, ctx: ResponseBuildContext): Response;
}
