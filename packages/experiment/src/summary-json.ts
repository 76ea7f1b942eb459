import { readFile } from "node:fs/promises";
import { InputError } from "@equitable/core";
import type { ResultRow } from "./result-row.js";

/** summary.json's text: the result rows, one per trained model, in training order. */
export function summaryJson(rows: readonly ResultRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Reads a summary.json back into result rows; a file that is not one is refused naming it. */
export async function readSummary(file: string): Promise<ResultRow[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new InputError(file, `cannot read summary.json (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!Array.isArray(value) || value.some((r) => typeof r !== "object" || r === null || typeof (r as ResultRow).method !== "string")) {
    throw new InputError(file, "is not a summary.json: expected an array of result rows");
  }
  return value as ResultRow[];
}
