import { link, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { InputError } from "@equitable/core";

/** The lock file a run holds in its output directory while it writes there. */
export const LOCK_FILE = ".equitable-run.lock";

/** Who holds a lock: enough to tell whether that process still runs. */
interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

/** A held lock on an output directory. */
export interface RunLock {
  /** Removes the lock file, if it is still this process's. */
  release(): Promise<void>;
}

/** Lock files this process holds: a lock naming this pid is stale unless it is one of these. */
const held = new Set<string>();

/** Whether process `pid` exists on this host (EPERM: it does, under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as Partial<Holder>;
    if (typeof value.pid === "number" && typeof value.host === "string") return value as Holder;
  } catch {
    // unreadable or half-written: decided by its age below
  }
  return undefined;
}

/**
 * Whether the lock's holder is gone: a dead pid on this host, or this very pid when this process
 * does not hold the lock (a pid namespace reuses numbers across containers). A lock from another host
 * cannot be checked and counts as held; an unreadable one counts as held for a few seconds (it may
 * be being written).
 */
async function stale(file: string, holder: Holder | undefined): Promise<boolean> {
  if (!holder) {
    const age = Date.now() - (await stat(file)).mtimeMs;
    return age > 10_000;
  }
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !held.has(file);
  return !alive(holder.pid);
}

/** Creates `file` holding `content` only if it does not exist, whole or not at all. */
async function createExclusive(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  try {
    // link() fails with EEXIST when the lock exists, and never exposes a half-written lock.
    await link(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw err;
    // A filesystem without hard links: O_EXCL instead (a reader may briefly see it empty).
    await writeFile(file, content, { flag: "wx" });
  } finally {
    await rm(tmp, { force: true });
  }
}

function heldError(where: string, file: string, holder: Holder | undefined): InputError {
  const who = holder ? `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ""}, started ${holder.startedAt}` : "a process still writing the lock";
  return new InputError(where, `another equitable run (${who}) is writing into this directory: wait for it, or remove its lock ${file} if it is gone`);
}

/**
 * Takes the directory's lock, so a second run into it stops with an InputError naming the lock
 * instead of mixing its files with the first's. A lock left by a killed run (its pid gone) is
 * reclaimed: moved aside by rename, which only one of several reclaimers can win.
 */
export async function acquireRunLock(dir: string, where: string): Promise<RunLock> {
  const file = join(dir, LOCK_FILE);
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies Holder)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await createExclusive(file, content);
      held.add(file);
      return { release: () => releaseLock(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let holder: Holder | undefined;
    try {
      holder = await readHolder(file);
      if (!(await stale(file, holder))) throw heldError(where, file, holder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
      throw err;
    }
    const aside = `${file}.${process.pid}-stale.tmp`;
    try {
      await rename(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // another run reclaimed it first
      throw err;
    }
    const moved = await readHolder(aside);
    if (holder && moved && (moved.pid !== holder.pid || moved.startedAt !== holder.startedAt)) {
      // Between reading and moving, another run reclaimed the stale lock and took a fresh one: give it back.
      await link(aside, file).catch(() => undefined);
      await rm(aside, { force: true });
      throw heldError(where, file, moved);
    }
    await rm(aside, { force: true });
  }
  throw new InputError(where, `could not take the lock ${file} (several runs are starting at once?)`);
}

async function releaseLock(file: string): Promise<void> {
  if (!held.delete(file)) return;
  const holder = await readHolder(file);
  if (holder?.pid === process.pid && holder.host === hostname()) await rm(file, { force: true });
}
