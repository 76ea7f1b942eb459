// Shared by the CLI specs only: output directories as a run would leave them, and the check that
// one is consistent (never a mix of two runs).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { LOCK_FILE } from "./run-lock.js";
import { MARKER_FILE, newMarker, type RunMarker } from "./run-marker.js";

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Every file below `dir`, relative, "/"-separated, sorted. */
export function filesBelow(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? filesBelow(dir, rel) : [rel];
    })
    .sort();
}

/** The directory's marker (fails the test when it has none). */
export function markerOf(dir: string): RunMarker {
  return JSON.parse(readFileSync(path.join(dir, MARKER_FILE), "utf8")) as RunMarker;
}

/**
 * Writes `files` (relative path → content) into `dir` with a marker saying a run wrote them and
 * completed: what an earlier complete run leaves, as far as ownership goes.
 */
export function earlierRun(dir: string, files: Record<string, string>): void {
  const marker = newMarker([], []);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    marker.files[rel] = sha(file);
    const parts = rel.split("/").slice(0, -1);
    for (let k = 1; k <= parts.length; k++) if (!marker.dirs.includes(parts.slice(0, k).join("/"))) marker.dirs.push(parts.slice(0, k).join("/"));
  }
  marker.status = "complete";
  marker.pid = 1;
  writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify(marker));
}

/**
 * Never a mix: a summary.json present belongs to a complete run whose marker lists it unchanged;
 * otherwise the marker (if any) does not claim completion. No lock is left behind by a run that exited.
 */
export function expectNotMixed(dir: string): void {
  if (!existsSync(dir)) return;
  expect(existsSync(path.join(dir, LOCK_FILE)), "lock left behind").toBe(false);
  const hasMarker = existsSync(path.join(dir, MARKER_FILE));
  if (existsSync(path.join(dir, "summary.json"))) {
    expect(hasMarker, "summary.json without a marker").toBe(true);
    const marker = markerOf(dir);
    expect(marker.status).toBe("complete");
    expect(marker.files["summary.json"]).toBe(sha(path.join(dir, "summary.json")));
  } else if (hasMarker) {
    expect(markerOf(dir).status).not.toBe("complete");
  }
}

/**
 * A complete, consistent run directory: the marker says complete, lists exactly the files present
 * (besides itself) with their current hashes, and models/ holds one folder per summary row.
 */
export function expectComplete(dir: string): void {
  const marker = markerOf(dir);
  expect(marker.status).toBe("complete");
  const listed = Object.keys(marker.files).sort();
  expect(filesBelow(dir).filter((f) => f !== MARKER_FILE)).toEqual(listed);
  for (const rel of listed) expect(marker.files[rel], rel).toBe(sha(path.join(dir, rel)));
  const run = JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8")) as { models: { label: string }[] };
  const summary = JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8")) as unknown[];
  expect(run.models).toHaveLength(summary.length);
  expect(readdirSync(path.join(dir, "models")).sort()).toEqual(run.models.map((m) => m.label).sort());
  for (const m of run.models) expect(statSync(path.join(dir, "models", m.label, "weights.bin")).size).toBeGreaterThan(0);
}
