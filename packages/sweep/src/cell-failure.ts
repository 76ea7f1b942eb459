/**
 * A cell that could not produce results. `input`: the cell's own input or training refused it
 * (a diverged training, a data problem), so it would fail again as it is; otherwise the worker
 * broke. `retryable`: an input failure the operator can fix outside the sweep file (a data file,
 * a plug-in), so the next sweep reruns it; a diverged training is not.
 */
export class CellFailure extends Error {
  override readonly name = "CellFailure";
  constructor(message: string, readonly input: boolean, readonly retryable = false) {
    super(message);
  }
}

/** Whether a cell's input error is one the operator can fix without editing the sweep (an InputError: data, plug-ins), not a diverged training. */
export function isRetryableInputError(err: unknown): boolean {
  return (err as { name?: unknown })?.name === "InputError";
}

/** Whether an error is the cell's own (InputError, a diverged training) rather than the machinery's. */
export function isCellInputError(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === "InputError" || name === "TrainingDivergedError";
}

/** An error's message on one line. */
export function messageLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ").trim();
}
