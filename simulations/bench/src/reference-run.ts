import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { timedCommand, type Timing } from "./timed-command.js";

/** The authors' PyTorch run.sh, or why it cannot run here. */
export type Reference = { script: string } | { missing: string };

/** Finds `reference/authors-dc/run.sh` in the shared folder and checks that Debian's python3-torch & co. import. */
export function findReference(shared: string): Reference {
  const script = resolve(shared, "reference/authors-dc/run.sh");
  if (!existsSync(script)) return { missing: `${script} not found (set EQUITABLE_SHARED to the shared folder)` };
  const probe = spawnSync("/usr/bin/python3", ["-c", "import torch, sklearn, pandas, scipy"], { stdio: "ignore" });
  if (probe.status !== 0) {
    return { missing: "python3-torch (or python3-sklearn/-pandas/-scipy) is not installed: apt-get install -y python3-torch python3-sklearn python3-pandas python3-scipy bc" };
  }
  return { script };
}

/** One reference run of N epochs: run.sh's own `reference_seconds` (python process wall) beside the whole script's timing. */
export interface ReferenceTiming extends Timing {
  /** Wall seconds of the python training process, as run.sh prints them. */
  seconds: number;
}

/** Runs `run.sh epochs` with the shared data folder; throws with its last lines when it fails. */
export async function runReference(script: string, epochs: number, dataDir: string): Promise<ReferenceTiming> {
  const t = await timedCommand(script, [String(epochs)], { env: { ...process.env, DATA_DIR: dataDir } });
  const m = /reference_seconds\s+([0-9.]+)/.exec(t.stdout);
  if (t.code !== 0 || !m) throw new Error(`reference run.sh ${epochs} failed (exit ${t.code}): ${(t.stdout + t.stderr).trim().split("\n").slice(-3).join(" | ")}`);
  return { ...t, seconds: Number(m[1]) };
}
