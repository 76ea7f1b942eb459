// Shared by the CLI specs only: the bad-input contract on what one CLI run printed.
import { expect } from "vitest";
import type { CliResult } from "./spec-fixtures.js";

/** Exit 2, exactly one line on stderr starting "error: " and naming each of `mentions`, no stack trace; returns the line. */
export function expectOneLineError(r: CliResult, ...mentions: string[]): string {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr, r.stderr).toMatch(/^error: [^\n]*\n$/);
  const line = r.stderr.slice(0, -1);
  for (const m of mentions) expect(line).toContain(m);
  expect(r.stderr).not.toContain("internal error");
  return line;
}
