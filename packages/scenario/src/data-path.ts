import { posix } from "node:path";
import { z } from "zod";

/**
 * Whether a data path stays inside the data directory it is joined to: relative, and no ".."
 * that climbs out of it. Checked on the text alone, so a scenario is refused before any file is opened.
 */
export function staysInsideDataDir(path: string): boolean {
  const slashed = path.replaceAll("\\", "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return false;
  const normal = posix.normalize(slashed);
  return normal !== ".." && !normal.startsWith("../");
}

/** A file path relative to --data-dir that may not leave it ("../../etc/passwd" is refused). */
export function dataPath() {
  return z.string().min(1).refine(staysInsideDataDir, (path) => ({
    message: `'${path}' is outside the data directory: data paths are relative to --data-dir and stay inside it`,
  }));
}
