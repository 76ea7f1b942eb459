import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The code version results are computed with: the git commit of this checkout, "+dirty" when
 * tracked files differ from it, or "unknown" outside a git checkout (an installed package).
 */
export function codeVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: from, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const head = git("rev-parse", "HEAD");
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
}
