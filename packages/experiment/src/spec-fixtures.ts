// Shared by this package's specs only (not exported from index.ts): tiny scenarios in a temporary directory.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

/** A scenario that trains in about a second: 300 synthetic hours, 5 agents, an 8-unit MLP, 2 epochs. */
export function tinyScenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "tiny",
    seed: 3,
    data: { source: "synthetic", hours: 300 },
    window: 12,
    agents: [{ type: "datacenter", count: 5, lambda: "different", demand: "different", perturbed: 2 }],
    model: { kind: "mlp", hidden: 8 },
    training: { epochs: 2, batchSize: 64 },
    q: [0, 2],
    ...extra,
  };
}
