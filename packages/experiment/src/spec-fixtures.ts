// Shared by this package's specs only (not exported from index.ts): tiny scenarios in a temporary directory.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tinyScenarioValue } from "../../scenario/src/spec-fixtures.js";

/** The repository's root (scenarios/ lives here). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `equitable-experiment-${prefix}-`));
}

/** Writes `value` as JSON to dir/name and returns the path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** A scenario that trains in about a second: scenario's tiny value (300 synthetic hours, 5 agents, an 8-unit MLP), 2 epochs of batch 64, q 0 and 2. */
export function tinyScenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return tinyScenarioValue({ training: { epochs: 2, batchSize: 64 }, q: [0, 2], ...extra });
}
