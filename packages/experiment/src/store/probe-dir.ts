import { spawn } from "node:child_process";
import { rmdirSync } from "node:fs";
import { InputError } from "@equitable/core";

/** How long creating and writing into the output directory may take before the run gives up on it. */
export const PROBE_TIMEOUT_MS = 8000;

// Runs in a child process: a filesystem that never answers blocks the thread that asked, and a
// blocked libuv thread keeps even process.exit() from returning, so only another process can time
// out cleanly. Creates the directory one level at a time, because fs.mkdirSync(dir, {recursive:
// true}) (and its promise form) loops forever on /proc/x in Node 20, then writes and removes a file.
const PROBE_SCRIPT = String.raw`
const fs = require("node:fs");
const path = require("node:path");
const dir = process.argv[1];
const created = [];
const say = (o) => process.stdout.write(JSON.stringify(o));
try {
  const chain = [];
  for (let p = dir; ; p = path.dirname(p)) {
    chain.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of chain) {
    let st = null;
    try { st = fs.statSync(p); } catch (e) { if (e.code !== "ENOENT") throw e; }
    if (!st) {
      try { fs.mkdirSync(p); created.push(p); continue; } catch (e) { if (e.code !== "EEXIST") throw e; }
      try { st = fs.statSync(p); } catch (e) {
        // It exists, yet stat finds nothing: a symbolic link to something missing.
        if (e.code === "ENOENT") throw Object.assign(new Error("dangling"), { code: "EDANGLING", path: p, target: fs.readlinkSync(p) });
        throw e;
      }
    }
    if (!st.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR", path: p });
  }
  const probe = path.join(dir, ".equitable-probe-" + process.pid + ".tmp");
  const fd = fs.openSync(probe, "wx");
  try { fs.writeSync(fd, Buffer.alloc(4096)); fs.fsyncSync(fd); } finally { fs.closeSync(fd); fs.unlinkSync(probe); }
  say({ ok: true, created });
} catch (e) {
  say({ ok: false, code: e.code || String(e), path: e.path || dir, target: e.target, created });
}
`;

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOENT: "it cannot be created there (a filesystem such as /proc)",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
};

type ProbeAnswer = { ok: true; created: string[] } | { ok: false; code: string; path: string; target?: string; created: string[] };

/** What a failed probe says, on one line. */
function failure(where: string, dir: string, answer: Extract<ProbeAnswer, { ok: false }>): InputError {
  if (answer.code === "ENOTDIR") {
    const what = answer.path === dir ? "it is a file, not a directory" : `'${answer.path}' is a file, not a directory`;
    return new InputError(where, `cannot use '${dir}' as the output directory: ${what}`);
  }
  if (answer.code === "EDANGLING") {
    return new InputError(where, `cannot create '${dir}': '${answer.path}' is a symbolic link to '${answer.target}', which does not exist`);
  }
  const reason = REASONS[answer.code] ?? answer.code;
  return new InputError(where, `cannot write into '${dir}': ${reason} (${answer.code} at '${answer.path}')`);
}

/**
 * Creates `dir` if needed and checks that a file can be written into it, within `timeoutMs`.
 * Returns the directories it created, outermost first (so a run that fails before writing can
 * remove them again). Every failure, a timeout included, is an InputError naming `where`.
 */
export function probeOutputDir(dir: string, where: string, timeoutMs = PROBE_TIMEOUT_MS, script = PROBE_SCRIPT): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // a loader the CLI runs under would only slow the probe down
    const child = spawn(process.execPath, ["-e", script, dir], { env, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => {
      // The child may be stuck in the kernel for good: kill it and do not wait for it.
      child.kill("SIGKILL");
      child.unref();
      child.stdout.destroy();
      reject(new InputError(where, `'${dir}' did not answer within ${timeoutMs / 1000} s (a hung network or FUSE filesystem?)`));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", () => {
      clearTimeout(timer);
      let answer: ProbeAnswer;
      try {
        answer = JSON.parse(out) as ProbeAnswer;
      } catch {
        reject(new Error(`the output-directory probe for '${dir}' printed no answer`));
        return;
      }
      if (answer.ok) {
        resolve(answer.created);
        return;
      }
      // The filesystem answered: what the probe created before it failed can go again.
      for (const created of [...answer.created].reverse()) {
        try {
          rmdirSync(created);
        } catch {
          // not empty, or gone: leave it
        }
      }
      reject(failure(where, dir, answer));
    });
  });
}

/**
 * An error from writing into the output directory mid-run (the disk filled up, the filesystem
 * went read-only) as an InputError naming the file and the reason; any other error as it is.
 */
export function outputWriteError(err: unknown, dir: string, where: string): unknown {
  const e = err as NodeJS.ErrnoException;
  // A system call's error; one through a file handle (write, fsync) carries no path.
  if (!(e instanceof Error) || typeof e.code !== "string" || typeof e.syscall !== "string") return err;
  if (e.path !== undefined && !e.path.startsWith(dir)) return err;
  const what = e.path !== undefined ? `writing '${e.path}'` : `writing into '${dir}'`;
  return new InputError(where, `${what} failed: ${REASONS[e.code] ?? e.code} (${e.code}); the run's files so far are marked failed`);
}
