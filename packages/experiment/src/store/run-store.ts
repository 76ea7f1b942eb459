import { mkdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { probeOutputDir } from "./probe-dir.js";
import { acquireRunLock, type RunLock } from "./run-lock.js";
import { newMarker, writeMarker, type RunMarker } from "./run-marker.js";
import { claimRunDir, parentsOf, sha256, type ClaimOptions, type Claimed } from "./run-store-claim.js";
import { oneLine } from "./one-line.js";

/** How a run may treat its output directory. */
export type RunStoreOptions = ClaimOptions;

/**
 * A run's output directory, owned through a marker (.equitable-run.json) and held through a lock.
 * The run only ever deletes or replaces files a marker lists (unchanged since they were written)
 * and their temporaries; a directory holding anything else is refused unless `force`, and even
 * then nothing else is touched. Results land in place as they are written, the marker saying
 * "running" until the last one is: a failed or killed run leaves its own files marked incomplete,
 * and a run refused before it begins leaves the previous one untouched.
 */
export class RunStore {
  private marker: RunMarker | undefined;
  private begun = false;

  private constructor(
    /** The directory, absolute. */
    readonly dir: string,
    private readonly options: RunStoreOptions,
    private readonly lock: RunLock,
    /** Directories the probe created (absolute), removed again if the run never begins. */
    private readonly created: readonly string[],
    /** The previous run's files and temporaries, which `begin` deletes. */
    private readonly previous: Claimed,
  ) {}

  /**
   * Checks everything about the directory before any training: it can be created and written
   * (with a timeout), no other run holds it, and it holds nothing this run may not touch.
   */
  static async open(dir: string, options: RunStoreOptions): Promise<RunStore> {
    const created = await probeOutputDir(dir, options.where);
    let lock: RunLock | undefined;
    try {
      lock = await acquireRunLock(dir, options.where);
      const previous = await claimRunDir(dir, options);
      return new RunStore(dir, options, lock, created, previous);
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
   * folders for this run's and marks the directory as being written by this run. The marker says
   * "running" before the first file goes, and lists the previous files until they are gone, so a
   * run killed halfway through never leaves a "complete" marker over a half-deleted run.
   */
  async begin(): Promise<void> {
    const marker = newMarker(this.options.planned, this.previous.dirs);
    marker.files = { ...this.previous.files, ...marker.files };
    this.marker = marker;
    this.begun = true;
    await writeMarker(this.dir, marker);
    for (const rel of Object.keys(this.previous.files)) await rm(this.path(rel), { force: true });
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
    // Folders runs made that are still there (holding something beside) stay on the list.
    const kept = await existing(this.dir, this.previous.dirs.filter((d) => !dirs.includes(d)));
    this.marker = newMarker(this.options.planned, [...dirs, ...kept]);
    this.marker.startedAt = marker.startedAt;
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
    if (!this.marker) throw new Error("RunStore: begin() first");
    return this.marker;
  }
}

/** Those of `rels` (relative folders) that still exist. */
async function existing(dir: string, rels: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const rel of rels) {
    try {
      await stat(join(dir, rel));
      out.push(rel);
    } catch {
      // removed, being empty
    }
  }
  return out;
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

