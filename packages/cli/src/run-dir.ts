import { createHash } from "node:crypto";
import { lstat, mkdir, readdir, readFile, rm, rmdir } from "node:fs/promises";
import { join, posix } from "node:path";
import { InputError } from "@equitable/core";
import { probeOutputDir } from "./probe-dir.js";
import { acquireRunLock, LOCK_FILE, type RunLock } from "./run-lock.js";
import { MARKER_FILE, newMarker, readMarker, writeMarker, type RunMarker } from "./run-marker.js";
import { oneLine } from "./one-line.js";

/** How a run may treat its output directory. */
export interface RunDirOptions {
  /** Names the directory in errors ("--out", or the default "runs/<name>"). */
  where: string;
  /** Write beside files no run wrote (they are kept; one in the way of a planned file is still an error). */
  force: boolean;
  /** Files the run will write, relative, "/"-separated. */
  planned: readonly string[];
}

// Temporaries of the atomic writers (`<file>.<pid>.tmp`, `<file>.<pid>-<hex>.tmp`, a lock moved
// aside) and of the probe: left by a killed run, they belong to the file they stand beside.
const TEMP = /^(.+)\.\d+(?:-[0-9a-f]+|-stale)?\.tmp$/;
const PROBE = /^\.equitable-probe-\d+\.tmp$/;

async function sha256(file: string): Promise<string> {
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
function parentsOf(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const rel of paths) {
    const parts = rel.split("/").slice(0, -1);
    for (let k = 1; k <= parts.length; k++) dirs.add(parts.slice(0, k).join("/"));
  }
  return [...dirs].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/**
 * A run's output directory, owned through a marker ({@link MARKER_FILE}) and held through a lock.
 * The run only ever deletes or replaces files a marker lists (unchanged since they were written)
 * and their temporaries; a directory holding anything else is refused unless `force`, and even
 * then nothing else is touched. Results land in place as they are written, the marker saying
 * "running" until the last one is: a failed or killed run leaves its own files marked incomplete,
 * and a run refused before it begins leaves the previous one untouched.
 */
export class RunDir {
  private marker: RunMarker | undefined;
  private begun = false;

  private constructor(
    /** The directory, absolute. */
    readonly dir: string,
    private readonly options: RunDirOptions,
    private readonly lock: RunLock,
    /** Directories the probe created (absolute), removed again if the run never begins. */
    private readonly created: readonly string[],
    /** The previous run's files and temporaries, which `begin` deletes. */
    private readonly previous: { files: string[]; dirs: string[] },
  ) {}

  /**
   * Checks everything about the directory before any training: it can be created and written
   * (with a timeout), no other run holds it, and it holds nothing this run may not touch.
   */
  static async open(dir: string, options: RunDirOptions): Promise<RunDir> {
    const created = await probeOutputDir(dir, options.where);
    let lock: RunLock | undefined;
    try {
      lock = await acquireRunLock(dir, options.where);
      const previous = await claim(dir, options);
      return new RunDir(dir, options, lock, created, previous);
    } catch (err) {
      await lock?.release();
      await removeEmpty([...created].reverse());
      throw err;
    }
  }

  /** Absolute path of a file of the run. */
  path(rel: string): string {
    return join(this.dir, rel);
  }

  /**
   * The input is valid and the data are loaded: removes the previous run's files, creates the
   * folders for this run's and marks the directory as being written by this run.
   */
  async begin(): Promise<void> {
    for (const rel of this.previous.files) await rm(this.path(rel), { force: true });
    // Deepest first, and only once empty: a folder holding anything else stays.
    const byDepth = (a: string, b: string) => b.split("/").length - a.split("/").length;
    await removeEmpty([...this.previous.dirs].sort(byDepth).map((d) => this.path(d)));
    const dirs: string[] = [];
    for (const rel of parentsOf(this.options.planned)) {
      try {
        await mkdir(this.path(rel));
        dirs.push(rel);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        if (this.previous.dirs.includes(rel)) dirs.push(rel); // still a run's, kept for something beside
      }
    }
    this.marker = newMarker(this.options.planned, dirs);
    this.begun = true;
    await writeMarker(this.dir, this.marker);
  }

  /** Records files the run has just written (by their hashes), so later runs may replace them. */
  async wrote(rels: readonly string[]): Promise<void> {
    const marker = this.requireMarker();
    for (const rel of rels) marker.files[rel] = await sha256(this.path(rel));
    await writeMarker(this.dir, marker);
  }

  /** Marks the run complete: every planned file is written. */
  async complete(): Promise<void> {
    const marker = this.requireMarker();
    marker.status = "complete";
    marker.finishedAt = new Date().toISOString();
    await writeMarker(this.dir, marker);
  }

  /** Marks a begun run failed (its files stay, marked incomplete); best effort, as an error is on its way. */
  async fail(err: unknown): Promise<void> {
    if (!this.marker) return;
    this.marker.status = "failed";
    this.marker.finishedAt = new Date().toISOString();
    this.marker.error = oneLine(err instanceof Error ? err.message : String(err));
    await writeMarker(this.dir, this.marker).catch(() => undefined);
  }

  /** Gives the directory up: the lock goes, and so do folders the probe made if the run never began. */
  async release(): Promise<void> {
    await this.lock.release();
    if (!this.begun) await removeEmpty([...this.created].reverse());
  }

  private requireMarker(): RunMarker {
    if (!this.marker) throw new Error("RunDir: begin() first");
    return this.marker;
  }
}

/** Removes each directory that is empty; one that is not, or is gone, stays as it is. */
async function removeEmpty(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    try {
      await rmdir(dir);
    } catch {
      // not empty, or gone
    }
  }
}

/**
 * Sorts out what is in the directory: the previous run's files (listed in its marker and unchanged)
 * and temporaries may go; anything else is foreign, refused unless `force`, and even then refused
 * where a planned file would replace it.
 */
async function claim(dir: string, options: RunDirOptions): Promise<{ files: string[]; dirs: string[] }> {
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
  return { files: [...owned].filter((rel) => rel !== LOCK_FILE && rel !== MARKER_FILE).concat(temps), dirs: listed?.dirs ?? [] };
}
