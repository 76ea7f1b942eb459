// Vitest global setup: when the real data are absent, say so once per run, after the results,
// rather than leaving the skips unexplained or repeating the reason in every spec file.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { locateSharedData, SHARED_DATA_ENV } from "./shared-data-location.js";

/** Locates the real data (a named but missing directory fails the run here) and returns the teardown that prints the notice. */
export default function setup(project: TestProject): () => void {
  const { skip } = locateSharedData();
  if (skip === undefined) return () => {};
  const dir = mkdtempSync(path.join(tmpdir(), "equitable-shared-data-"));
  const mark = path.join(dir, "skipped");
  project.provide("sharedDataSkipMark", mark);
  return () => {
    const skipped = existsSync(mark);
    rmSync(dir, { recursive: true, force: true });
    // Runs without real-data specs (most packages) stay silent.
    if (skipped) console.log(`real-data specs skipped: ${skip}; set ${SHARED_DATA_ENV}=<dir> to run them`);
  };
}
