// Where the real data sets are. They live outside the repository (../shared/data next to it), so
// a plain clone has none; this module decides, in one place, whether the specs that read them run.
// No vitest import here: the global setup (main process) and the specs (workers) both use it.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Overrides the real data directory (a path, relative to the repository root); "" or "none" skips their specs. */
export const SHARED_DATA_ENV = "EQUITABLE_SHARED_DATA";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const defaultDir = path.resolve(repoRoot, "../shared/data");

/** The real data directory, and why the specs that read it skip (`skip` is absent when they run). */
export interface SharedDataLocation {
  dir: string;
  skip?: string;
}

/**
 * Resolves the real data directory from `env`. A directory the variable names but that does not
 * exist throws: a typo in it must fail the run, not quietly skip the specs it was meant to run.
 */
export function locateSharedData(env: NodeJS.ProcessEnv = process.env): SharedDataLocation {
  const override = env[SHARED_DATA_ENV];
  if (override === undefined) {
    return existsSync(defaultDir) ? { dir: defaultDir } : { dir: defaultDir, skip: `${path.relative(repoRoot, defaultDir)} not found` };
  }
  if (override === "" || override.toLowerCase() === "none") return { dir: defaultDir, skip: `${SHARED_DATA_ENV}="${override}"` };
  const dir = path.resolve(repoRoot, override);
  if (!existsSync(dir)) throw new Error(`${SHARED_DATA_ENV}=${override}: ${dir} not found`);
  return { dir };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A file a spec creates when it skips a real-data suite or test (named by the global setup). */
    sharedDataSkipMark: string;
  }
}
