import { createHash } from "node:crypto";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { InputError } from "@equitable/core";
import { LOCK_FILE } from "./run-lock.js";
import { MARKER_FILE, readMarker } from "./run-marker.js";

/** What a run may do in its output directory (see {@link claimRunDir}). */
export interface ClaimOptions {
  /** Names the directory in errors ("--out", or "output directory"). */
  where: string;
  /** Write beside files no run wrote (they are kept; one in the way of a planned file is still an error). */
  force: boolean;
  /** Files the run will write, relative, "/"-separated. */
  planned: readonly string[];
}

/** The earlier run's files and temporaries, which the new run may delete, and the folders runs made. */
export interface Claimed {
  /** Relative path → the hash its marker lists (null: planned, or a temporary). */
  files: Record<string, string | null>;
  dirs: string[];
}

// Temporaries of the atomic writers (`<file>.<pid>.tmp`, `<file>.<pid>-<hex>.tmp`, a lock moved
// aside) and of the probe: left by a killed run, they belong to the file they stand beside.
const TEMP = /^(.+)\.\d+(?:-[0-9a-f]+|-stale)?\.tmp$/;
const PROBE = /^\.equitable-probe-\d+\.tmp$/;

/** SHA-256 (hex) of a file's bytes: how a marker recognises the files a run wrote. */
export async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

/** Every non-directory below `dir` (relative paths) for which `foreign` holds, up to `limit` of them. */
async function findFiles(dir: string, foreign: (rel: string) => boolean, limit: number, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await findFiles(dir, foreign, limit - found.length, rel)));
    else if (foreign(rel)) found.push(rel);
    if (found.length >= limit) break;
  }
  return found;
}

/** The parent directories of relative paths, outermost first ("models", "models/plain"). */
export function parentsOf(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const rel of paths) {
    const parts = rel.split("/").slice(0, -1);
    for (let k = 1; k <= parts.length; k++) dirs.add(parts.slice(0, k).join("/"));
  }
  return [...dirs].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/**
 * Sorts out what is in the directory: the previous run's files (listed in its marker and unchanged)
 * and temporaries may go; anything else is foreign, refused unless `force`, and even then refused
 * where a planned file would replace it.
 */
export async function claimRunDir(dir: string, options: ClaimOptions): Promise<Claimed> {
  const marker = await readMarker(dir);
  const listed = marker && marker !== "invalid" ? marker : undefined;
  const owned = new Set<string>([LOCK_FILE]);
  if (marker !== "invalid") owned.add(MARKER_FILE);
  const changed = new Set<string>();
  for (const [rel, hash] of Object.entries(listed?.files ?? {})) {
    let st;
    try {
      st = await lstat(join(dir, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") continue;
      throw err;
    }
    // null: planned by a run that was stopped while writing it; else it must be as the run left it.
    if (st.isFile() && (hash === null || (await sha256(join(dir, rel))) === hash)) owned.add(rel);
    else changed.add(rel);
  }
  const isOwn = (rel: string): boolean => {
    if (owned.has(rel) || PROBE.test(posix.basename(rel))) return true;
    const temp = TEMP.exec(rel);
    return temp !== null && (owned.has(temp[1]) || listed?.files[temp[1]] !== undefined);
  };
  const describe = (rel: string) => (changed.has(rel) ? `${rel}, changed since a run wrote it` : rel);
  if (!options.force) {
    const foreign = await findFiles(dir, (rel) => !isOwn(rel), 4);
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 3).map(describe).join("; ");
      throw new InputError(
        options.where,
        `'${dir}' holds files no equitable run wrote (${shown}${foreign.length > 3 ? "; …" : ""}): use an empty or new directory, or --force to write beside them (they are kept)`,
      );
    }
  } else {
    // Even with --force nothing foreign is replaced: a planned file, or a folder it needs, in the way is an error.
    for (const rel of [...parentsOf(options.planned), ...options.planned, MARKER_FILE]) {
      let st;
      try {
        st = await lstat(join(dir, rel));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw err;
      }
      const isFolder = !options.planned.includes(rel) && rel !== MARKER_FILE;
      if (isFolder ? !st.isDirectory() : !isOwn(rel)) {
        throw new InputError(options.where, `'${join(dir, rel)}' is in the way of this run's files and no equitable run wrote it${changed.has(rel) ? " (or it changed since)" : ""}: move it away (--force never replaces such files)`);
      }
    }
  }
  // Temporaries lie beside the files they were for: only those folders are read.
  const temps: string[] = [];
  for (const folder of ["", ...parentsOf(Object.keys(listed?.files ?? {}))]) {
    let names: string[];
    try {
      names = (await readdir(join(dir, folder), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      continue; // gone, or a file where the folder was: nothing of ours in it
    }
    for (const name of names) {
      const rel = folder ? `${folder}/${name}` : name;
      if (!owned.has(rel) && isOwn(rel)) temps.push(rel);
    }
  }
  const files: Record<string, string | null> = {};
  for (const rel of owned) if (rel !== LOCK_FILE && rel !== MARKER_FILE) files[rel] = listed?.files[rel] ?? null;
  for (const rel of temps) files[rel] = null;
  return { files, dirs: listed?.dirs ?? [] };
}
