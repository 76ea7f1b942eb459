// Shared by the CLI's sweep specs only: a tiny sweep in a temporary directory and what its database holds.
import path from "node:path";
import { expect } from "vitest";
import { ResultsDb, type StoredCell } from "@equitable/sweep";
import { tinyScenario, writeJson } from "./spec-fixtures.js";

/** Writes tiny.json (the CLI specs' tiny scenario plus `scenario`) and sweep.json over it; returns the sweep file. */
export function writeTinySweep(dir: string, sweep: Record<string, unknown> = {}, scenario: Record<string, unknown> = {}): string {
  writeJson(dir, "tiny.json", tinyScenario(scenario));
  return writeJson(dir, "sweep.json", { name: "tiny-sweep", scenario: "tiny.json", q: [0, 2, 9], seeds: [1, 2], ...sweep });
}

/** Every stored cell with its per-agent regrets. */
export function storedCells(db: string): (StoredCell & { regrets: number[] })[] {
  const results = ResultsDb.openReadOnly(db);
  try {
    const regrets = results.agentRegrets();
    return results.cells().map((c) => ({ ...c, regrets: regrets.get(c.id)?.regrets ?? [] }));
  } finally {
    results.close();
  }
}

/** Every cell present once and done, each with `agents` regrets: what a finished sweep must hold. */
export function expectComplete(cells: readonly (StoredCell & { regrets: number[] })[], count: number, agents: number): void {
  expect(cells).toHaveLength(count);
  expect(new Set(cells.map((c) => c.id)).size).toBe(count);
  for (const c of cells) {
    expect(c.status, c.error ?? "").toBe("done");
    expect(c.regrets).toHaveLength(agents);
    expect(Number.isFinite(c.metrics!.mean)).toBe(true);
  }
}

/** Cells by id with what must match between two sweeps of the same seeds: metrics and regrets. */
export function resultsById(cells: readonly (StoredCell & { regrets: number[] })[]): Record<string, unknown> {
  return Object.fromEntries(cells.map((c) => [c.id, { label: c.label, seed: c.seed, metrics: c.metrics, regrets: c.regrets }]));
}

/** The path of a file in `dir`. */
export const inDir = (dir: string, name: string) => path.join(dir, name);
