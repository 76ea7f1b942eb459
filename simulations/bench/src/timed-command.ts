import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/** What one timed child process took: wall seconds, CPU seconds and peak RSS (the last two when /usr/bin/time is there). */
export interface Timing {
  wall: number;
  /** User + system CPU seconds of the process and its children, or NaN. */
  cpu: number;
  /** Peak resident set size in MiB, or NaN. */
  peakRssMiB: number;
  stdout: string;
  stderr: string;
  code: number;
}

const GNU_TIME = "/usr/bin/time";
const MARK = "@@bench-time";

/**
 * Runs a command and times it from spawn to exit. CPU time and peak RSS come from GNU time
 * when installed: on a loaded machine CPU seconds move far less than wall seconds.
 */
export function timedCommand(command: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Timing> {
  const gnu = existsSync(GNU_TIME);
  const [cmd, argv] = gnu ? [GNU_TIME, ["-f", `${MARK} %U %S %M`, command, ...args]] : [command, [...args]];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      let cpu = Number.NaN;
      let peakRssMiB = Number.NaN;
      const line = stderr.split("\n").find((l) => l.startsWith(MARK));
      if (line) {
        const [, user, sys, kb] = line.split(" ");
        cpu = Number(user) + Number(sys);
        peakRssMiB = Number(kb) / 1024;
        stderr = stderr.split("\n").filter((l) => !l.startsWith(MARK)).join("\n");
      }
      done({ wall, cpu, peakRssMiB, stdout, stderr, code: code ?? 1 });
    });
  });
}
