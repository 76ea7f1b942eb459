// The one way specs reach the real data: a suite or test declared here runs when they are present
// and is skipped, not failed, when they are absent (see shared-data-location.ts).
import { writeFileSync } from "node:fs";
import { describe, inject, it, type TestFunction } from "vitest";
import { locateSharedData } from "./shared-data-location.js";

const location = locateSharedData();

/** The real data directory; read it only inside describeSharedData / itSharedData, which skip without it. */
export const sharedDataDir = location.dir;

/** Whether the real data are present (their specs are skipped otherwise). */
export const hasSharedData = location.skip === undefined;

/** describe() for a suite that reads the real data. Its body still runs to collect the tests: load data in hooks or tests. */
export function describeSharedData(name: string, body: () => void): void {
  noteSkip();
  describe.skipIf(!hasSharedData)(name, body);
}

/** it() for a test that reads the real data. */
export function itSharedData(name: string, body: TestFunction, timeout?: number): void {
  noteSkip();
  it.skipIf(!hasSharedData)(name, body, timeout);
}

// Leaves the mark the global setup looks for to print its one notice per run.
function noteSkip(): void {
  if (hasSharedData) return;
  const mark = inject("sharedDataSkipMark");
  if (mark !== undefined) writeFileSync(mark, "");
}
