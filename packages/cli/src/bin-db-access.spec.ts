import { execFile } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ResultsDb, type CellResult, type CellSpec } from "@equitable/sweep";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { repoRoot, runCli, tempDir, type CliResult } from "./spec-fixtures.js";
import { inDir, writeTinySweep } from "./sweep.spec-helper.js";
import { NOBODY, nobodyCannotRun } from "./unprivileged.spec-helper.js";

// The sweep package's SQLite driver, to hold a lock on a database as another process would.
const Database = createRequire(path.join(repoRoot, "packages/sweep/package.json"))("better-sqlite3") as new (file: string) => { pragma(s: string): unknown; prepare(s: string): { get(): unknown }; close(): void };

const here = path.dirname(fileURLToPath(import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** `equitable <args>` as a user permissions bind (nobody, when the spec runs as root). */
function runCliBound(args: readonly string[], cwd: string): Promise<CliResult> {
  return runCliWith(process.execPath, ["--import", tsxLoader, "--conditions=@equitable/source", path.join(here, "bin.ts"), ...args], cwd, NOBODY);
}

/** `equitable <args>` with a file-size limit of `kib` KiB: writes past it fail (EFBIG) as on a full disk. */
function runCliOnFullDisk(kib: number, args: readonly string[], cwd: string): Promise<CliResult> {
  // SIGXFSZ ignored, as an ignored signal stays across exec: the write fails instead of killing the process.
  const script = `ulimit -f ${kib}; trap '' XFSZ; exec "$0" "$@"`;
  // GIT_OPTIONAL_LOCKS=0: the sweep's `git status` (its code version) would otherwise refresh this
  // checkout's index under the limit, fail, and leave a stale index.lock in the repository.
  return runCliWith("bash", ["-c", script, process.execPath, "--import", tsxLoader, "--conditions=@equitable/source", path.join(here, "bin.ts"), ...args], cwd, undefined, { GIT_OPTIONAL_LOCKS: "0" });
}

function runCliWith(command: string, argv: readonly string[], cwd: string, uid?: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...extraEnv };
  delete env.EQUITABLE_DEBUG;
  return new Promise((resolve, reject) => {
    execFile(command, argv, { cwd, env, encoding: "utf8", timeout: 60_000, ...(uid !== undefined && { uid, gid: uid }) }, (err, stdout, stderr) => {
      if (err === null) resolve({ status: 0, stdout, stderr });
      else if (typeof err.code === "number") resolve({ status: err.code, stdout, stderr });
      else reject(err);
    });
  });
}

/** A directory the bound user owns (so it can write the report there). */
function ownedDir(prefix: string): string {
  const dir = tempDir(prefix);
  if (NOBODY !== undefined) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

const cell = (k: number): CellSpec => ({
  key: `k${k}`, id: `id${k}`, index: k, scenarioRef: "s.json", scenarioName: "readonly-world", scenarioFile: "/s.json", scenario: {},
  objective: { method: "equitable", q: k }, method: "equitable", label: `q${k}`, q: k, beta: 0, seed: 1, epochs: 2, params: {}, jobs: [], methodParams: {},
} as CellSpec);
const result: CellResult = {
  row: { method: "equitable", methodLabel: "Equitable PM", q: 0, qPlusOne: 1, beta: 0, seed: 1, variance: 1, mean: 2, c95MinusC5: 3, mse: 4, hNorm: 0.5, worst: 6, worstAlpha: 5, alpha: 0.2, jain: 0.7, epochs: 2, label: "q", params: {} },
  agentIds: ["a", "b"], agentMeanRegrets: [1.5, 2.5], trainSeconds: 0.1,
};

/** A results database of two finished cells at `file`; `beforeClose` sees it open (its cells still in the -wal). */
function writeDb(file: string, beforeClose: () => void = () => {}): void {
  const db = ResultsDb.open(file);
  db.prepare("ro", "s.json", { name: "ro" }, "v1", [cell(0), cell(1)]);
  db.complete("id0", result, "v1", "w");
  db.complete("id1", result, "v1", "w");
  beforeClose();
  db.close();
}

describe("report and sweep on databases they cannot write", () => {
  it.skipIf(nobodyCannotRun !== undefined)("report reads a database in a read-only directory, a clean one and one whose cells are still in its -wal", async () => {
    const dir = ownedDir("db-readonly");
    mkdirSync(inDir(dir, "clean"));
    writeDb(inDir(dir, "clean/r.db"));
    // A sweep killed before its checkpoint: the cells are in r.db-wal, beside a bare r.db.
    mkdirSync(inDir(dir, "killed"));
    writeDb(inDir(dir, "w.db"), () => {
      copyFileSync(inDir(dir, "w.db"), inDir(dir, "killed/r.db"));
      copyFileSync(inDir(dir, "w.db-wal"), inDir(dir, "killed/r.db-wal"));
    });
    for (const sub of ["clean", "killed"]) {
      chmodSync(inDir(dir, `${sub}/r.db`), 0o444);
      if (existsSync(inDir(dir, `${sub}/r.db-wal`))) chmodSync(inDir(dir, `${sub}/r.db-wal`), 0o444);
      chmodSync(inDir(dir, sub), 0o555);
      const r = await runCliBound(["report", inDir(dir, `${sub}/r.db`), "--out", inDir(dir, `report-${sub}`)], dir);
      expect(r.status, `${sub}: ${r.stderr}`).toBe(0);
      const html = readFileSync(inDir(dir, `report-${sub}/index.html`), "utf8");
      expect(html, sub).toContain("cells: 2 done, 0 failed, 0 pending");
      expect(html, sub).toContain("readonly-world");
    }
  }, 60_000);

  it.skipIf(nobodyCannotRun !== undefined)("an unreadable database is said as such, not as 'no database'", async () => {
    const dir = ownedDir("db-unreadable");
    writeDb(inDir(dir, "r.db"));
    chmodSync(inDir(dir, "r.db"), 0o000);
    const r = await runCliBound(["report", inDir(dir, "r.db"), "--out", inDir(dir, "report")], dir);
    const line = expectOneLineError(r, "r.db", "permission denied");
    expect(line).not.toContain("no database");
  }, 60_000);

  it("a database another process holds locked: report and sweep name the file and the lock, exit 2", async () => {
    const dir = tempDir("db-locked");
    writeDb(inDir(dir, "r.db"));
    const file = writeTinySweep(dir);
    const holder = new Database(inDir(dir, "r.db"));
    try {
      // An exclusive-mode connection keeps the file locked from its first read until it closes.
      holder.pragma("locking_mode = EXCLUSIVE");
      holder.prepare("SELECT count(*) FROM cells").get();
      const report = await runCli(["report", inDir(dir, "r.db"), "--out", inDir(dir, "report")], dir);
      const line = expectOneLineError(report, "r.db", "locked");
      expect(line).not.toContain("not a sweep results database");
      const sweep = await runCli(["sweep", file, "--db", inDir(dir, "r.db"), "--quiet"], dir);
      expectOneLineError(sweep, "r.db", "locked");
    } finally {
      holder.close();
    }
  }, 60_000);

  it("a disk that fills while a sweep writes its database: one line naming the file, not an internal error", async () => {
    const dir = tempDir("db-full");
    const file = writeTinySweep(dir, { q: [0], seeds: [1] }, { training: { epochs: 1, batchSize: 64 } });
    const r = await runCliOnFullDisk(64, ["sweep", file, "--db", inDir(dir, "r.db"), "--workers", "1", "--quiet"], dir);
    expectOneLineError(r, "--db", inDir(dir, "r.db"));
  }, 60_000);
});
