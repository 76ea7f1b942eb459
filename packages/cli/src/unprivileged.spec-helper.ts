// Specs of file permissions run the CLI as `nobody` when the suite runs as root (root reads and
// writes anything). That needs `nobody` to reach the checkout: a clone inside a 0700 directory
// (mktemp -d) hides it, and the CLI would fail to load rather than meet the permission under test.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The uid that permissions bind: nobody when the suite runs as root, else the suite's own user (undefined). */
export const NOBODY: number | undefined = process.getuid?.() === 0 ? 65534 : undefined;

/** Why the CLI cannot run as nobody here (it cannot read the checkout), or undefined when it can or need not. */
export const nobodyCannotRun: string | undefined = (() => {
  if (NOBODY === undefined) return undefined;
  const files = [createRequire(import.meta.url).resolve("tsx"), path.join(here, "bin.ts")];
  const probe = spawnSync(process.execPath, ["-e", `for (const f of ${JSON.stringify(files)}) require("fs").accessSync(f, require("fs").constants.R_OK)`],
    { uid: NOBODY, gid: NOBODY, encoding: "utf8" });
  if (probe.status === 0) return undefined;
  const reason = `user nobody cannot read this checkout (${path.resolve(here, "../../..")}: a parent directory is not world-readable)`;
  console.warn(`permission specs that run the CLI as nobody skipped: ${reason}`);
  return reason;
})();
