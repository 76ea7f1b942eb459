/**
 * A cell that could not produce results. `input`: the cell's own input or training refused it
 * (a diverged training, a data problem), so it would fail again; otherwise the worker broke.
 */
export class CellFailure extends Error {
  override readonly name = "CellFailure";
  constructor(message: string, readonly input: boolean) {
    super(message);
  }
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
