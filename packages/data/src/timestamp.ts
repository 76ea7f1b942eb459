import { InputError } from "@equitable/core";

const STAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a `YYYY-MM-DD HH:MM[:SS][offset]` cell to epoch milliseconds. A stamp without an offset
 * is read as UTC, so that the time axis never depends on the machine's time zone.
 */
export function timestampCell(file: string, line: number, column: string, text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  const match = STAMP.exec(trimmed);
  const ms = match ? Date.parse(`${match[1]}T${match[2]}${match[3] ?? ":00"}${match[4] ?? "Z"}`) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(`${file}:${line}`, `column "${column}": "${trimmed}" is not a timestamp (YYYY-MM-DD HH:MM)`);
  }
  return ms;
}

/**
 * Throws InputError unless `ms` is exactly `stepMinutes` after `previousMs`: loaders put values on
 * a regular time axis by position, so a skipped or repeated stamp would silently shift every later value.
 */
export function expectStep(file: string, line: number, previousMs: number, ms: number, stepMinutes: number): void {
  if (ms - previousMs !== stepMinutes * 60_000) {
    const step = stepMinutes % 60 === 0 ? `${stepMinutes / 60} h` : `${stepMinutes} min`;
    throw new InputError(
      `${file}:${line}`,
      `timestamp ${new Date(ms).toISOString()} is not ${step} after the previous row (${new Date(previousMs).toISOString()})`,
    );
  }
}
