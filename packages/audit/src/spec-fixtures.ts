// Shared by the audit specs only: the hand-built vintage table whose every audit number is worked out by hand.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Five hourly issues (each issued 23:30 for the next day's 00:00, 01:00, 02:00), with a hole (nothing is
 * issued on 01-03), a short issue (01-04 23:30: one row) and an issue whose outturns are missing (01-06).
 */
export const HAND_FORECASTS = `issued_at,target_from,forecast
2024-01-01T23:30Z,2024-01-02T00:00Z,10
2024-01-01T23:30Z,2024-01-02T01:00Z,20
2024-01-01T23:30Z,2024-01-02T02:00Z,30
2024-01-02T23:30Z,2024-01-03T00:00Z,12
2024-01-02T23:30Z,2024-01-03T01:00Z,18
2024-01-02T23:30Z,2024-01-03T02:00Z,40
2024-01-04T23:30Z,2024-01-05T00:00Z,7
2024-01-05T23:30Z,2024-01-06T00:00Z,9
2024-01-05T23:30Z,2024-01-06T01:00Z,11
2024-01-05T23:30Z,2024-01-06T02:00Z,13
2024-01-06T23:30Z,2024-01-07T00:00Z,5
2024-01-06T23:30Z,2024-01-07T01:00Z,5
2024-01-06T23:30Z,2024-01-07T02:00Z,5
`;

/** Outturns: a blank is missing (01-07 00:00), never zero. */
export const HAND_ACTUALS = `from,actual
2024-01-01T00:00Z,8
2024-01-01T01:00Z,16
2024-01-01T02:00Z,24
2024-01-02T00:00Z,11
2024-01-02T01:00Z,22
2024-01-03T00:00Z,10
2024-01-03T01:00Z,20
2024-01-04T00:00Z,5
2024-01-04T01:00Z,6
2024-01-05T00:00Z,10
2024-01-05T01:00Z,10
2024-01-06T00:00Z,10
2024-01-06T01:00Z,10
2024-01-07T00:00Z,
2024-01-07T01:00Z,4
`;

/** A fresh directory holding the given files (name → text). */
export function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "equitable-audit-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
