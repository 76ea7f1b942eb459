import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";

/** The marker a run keeps in its output directory: which files it wrote, and whether it finished. */
export const MARKER_FILE = ".equitable-run.json";

const FORMAT = "equitable-run/1";

/** The contents of {@link MARKER_FILE}. */
export interface RunMarker {
  format: typeof FORMAT;
  /** "running" until every file is written (a killed run stays so), "failed" after an error, then "complete". */
  status: "running" | "failed" | "complete";
  pid: number;
  startedAt: string;
  finishedAt?: string;
  /** The error that stopped a failed run, on one line. */
  error?: string;
  /**
   * Files of the run, relative to the directory with "/" between parts: the SHA-256 of each one
   * written, or null for one planned (perhaps half-done when the run was killed). Only files listed
   * here, unchanged since, are ever deleted or replaced by a later run.
   */
  files: Record<string, string | null>;
  /** Directories a run created (relative), removed again once a later run has emptied them. */
  dirs: string[];
}

/** A fresh marker for a run that is starting. */
export function newMarker(planned: readonly string[], dirs: readonly string[]): RunMarker {
  return {
    format: FORMAT,
    status: "running",
    pid: process.pid,
    startedAt: new Date().toISOString(),
    files: Object.fromEntries(planned.map((rel) => [rel, null])),
    dirs: [...dirs],
  };
}

/** A path inside the directory: relative, "/"-separated, no "." or ".." parts (a marker must not name files elsewhere). */
export function isInsidePath(rel: string): boolean {
  return rel !== "" && !rel.startsWith("/") && !rel.includes("\\") && rel.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

function isMarker(value: unknown): value is RunMarker {
  if (!value || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  return (
    m.format === FORMAT &&
    typeof m.files === "object" && m.files !== null && !Array.isArray(m.files) &&
    Object.entries(m.files).every(([rel, h]) => isInsidePath(rel) && (h === null || typeof h === "string")) &&
    Array.isArray(m.dirs) && m.dirs.every((d) => typeof d === "string" && isInsidePath(d))
  );
}

/** The directory's marker: undefined when there is none, "invalid" when the file is not one. */
export async function readMarker(dir: string): Promise<RunMarker | undefined | "invalid"> {
  let text: string;
  try {
    text = await readFile(join(dir, MARKER_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return "invalid";
  }
  try {
    const value: unknown = JSON.parse(text);
    return isMarker(value) ? value : "invalid";
  } catch {
    return "invalid";
  }
}

/** Writes the marker atomically (a reader sees the old one or the new one, never half of either). */
export async function writeMarker(dir: string, marker: RunMarker): Promise<void> {
  await writeFileAtomic(join(dir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
}
