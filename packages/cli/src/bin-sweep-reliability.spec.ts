// Sweeps that cannot be poisoned (input errors up front, fixable failures retried), mixed (inputs
// hashed into the cells), pointed at another application's file, run twice at once, or broken by a
// damaged database without saying which file.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { azureCsv, cliExit, fuelMixCsv, runInProcess, startCli, tempDir, tinyScenario, writeJson, writeText } from "./spec-fixtures.js";
import { expectComplete, inDir, storedCells, writeTinySweep } from "./sweep.spec-helper.js";
import { nobodyCannotRun } from "./unprivileged.spec-helper.js";

const flakyKind = path.join(path.dirname(new URL(import.meta.url).pathname), "spec-fixtures", "flaky-kind", "index.ts");

/** A real-data tiny scenario reading data/carbon/c.csv and data/datacenter/d.csv. */
function realDataSweep(dir: string, sweep: Record<string, unknown> = {}): string {
  writeText(dir, "data/carbon/c.csv", fuelMixCsv(300));
  writeText(dir, "data/datacenter/d.csv", azureCsv(300));
  writeJson(dir, "real.json", tinyScenario({ name: "real", data: { source: "real", carbon: "carbon/c.csv", demand: "datacenter/d.csv" } }));
  return writeJson(dir, "sweep.json", { name: "real-sweep", scenario: "real.json", q: [0], seeds: [1], ...sweep });
}

describe("input errors are refused before any cell runs", () => {
  it("a real-data sweep without --data-dir, or with one missing a file, is one line naming it, and no cell is stored", async () => {
    const dir = tempDir("sweep-nodata");
    const file = realDataSweep(dir);
    const db = inDir(dir, "r.db");
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir), "--data-dir");
    expect(existsSync(db)).toBe(false);
    rmSync(inDir(dir, "data/datacenter/d.csv"));
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--data-dir", "data"], dir), "d.csv");
    expect(existsSync(db)).toBe(false);
    // With the right settings the same database trains every cell (nothing was poisoned).
    writeText(dir, "data/datacenter/d.csv", azureCsv(300));
    const r = await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--data-dir", "data", "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("ran 2 now, 0 already finished");
  });

  it("a method that cannot train the scenario's agents (IRW on EV agents) is refused up front", async () => {
    const dir = tempDir("sweep-route");
    writeText(dir, "data/carbon/c.csv", fuelMixCsv(300));
    writeText(dir, "data/ev/ok.csv", "");
    const { evSessionsCsv } = await import("./spec-fixtures.js");
    writeText(dir, "data/ev/ok.csv", evSessionsCsv(60));
    writeJson(dir, "ev.json", tinyScenario({
      name: "ev", data: { source: "real", carbon: "carbon/c.csv", ev: "ev/ok.csv" }, horizon: 12,
      agents: [{ type: "ev", count: 3, demand: "similar" }], training: { epochs: 1, batchSize: 64, policyGradient: { samples: 2 } },
    }));
    const file = writeJson(dir, "sweep.json", { name: "ev-sweep", scenario: "ev.json", methods: ["plain", "irw"], q: [0], seeds: [1] });
    const db = inDir(dir, "r.db");
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--data-dir", "data"], dir), "irw", "policy gradient");
    expect(existsSync(db)).toBe(false);
  });
});

describe("plug-ins", () => {
  it("plug-ins given through params are refused, naming params.plugins, before any cell runs", async () => {
    const dir = tempDir("sweep-plugin-params");
    const file = writeTinySweep(dir, { q: [0], seeds: [1], params: { plugins: [[flakyKind]] } });
    const db = inDir(dir, "r.db");
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir), "sweep.json", "params.plugins");
    expect(existsSync(db)).toBe(false);
  });
});

describe("failed cells", () => {
  it("a fixable failure is stored failed-retryable and rerun by the next sweep; a diverged cell stays failed until --retry-failed; the exit code says so", async () => {
    const dir = tempDir("sweep-retry");
    writeJson(dir, "flaky.json", tinyScenario({ name: "flaky", plugins: [flakyKind], agents: [{ type: "flaky-datacenter", count: 5, lambda: "same", demand: "similar" }] }));
    const file = writeJson(dir, "sweep.json", { name: "flaky-sweep", scenario: "flaky.json", methods: ["plain"], seeds: [1, 3], params: { "training.learningRate": [0.01, 1e30] } });
    const db = inDir(dir, "r.db");
    writeFileSync(inDir(dir, "flaky.flag"), "");
    const first = await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir);
    expect(first.status, first.stderr).toBe(1);
    const status = () => Object.fromEntries(storedCells(db).map((c) => [`${c.seed}/${String(c.params["training.learningRate"])}`, c.status]));
    expect(status()).toEqual({ "1/0.01": "done", "1/1e+30": "failed", "3/0.01": "failed-retryable", "3/1e+30": "failed-retryable" });
    // The operator fixes it: the next plain sweep reruns the retryable cells, not the diverged one.
    rmSync(inDir(dir, "flaky.flag"));
    const second = await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir);
    expect(second.status, second.stdout).toBe(1);
    expect(second.stdout).toContain("ran 1 now, 2 already finished, 1 failed");
    expect(status()).toEqual({ "1/0.01": "done", "1/1e+30": "failed", "3/0.01": "done", "3/1e+30": "failed" });
    // --retry-failed reruns the diverged ones too (they diverge again: still failed, exit 1).
    const third = await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet", "--retry-failed"], dir);
    expect(third.status).toBe(1);
    expect(third.stdout).toContain("ran 0 now, 2 already finished, 2 failed");
  });
});

describe("a database holding results of other inputs", () => {
  it("an edited scenario file or data file is named, exit 2, instead of mixing old and new cells", async () => {
    const dir = tempDir("sweep-mix");
    const file = realDataSweep(dir, { methods: ["plain"] });
    const db = inDir(dir, "r.db");
    const args = ["sweep", file, "--db", db, "--workers", "1", "--data-dir", "data", "--quiet"];
    expect((await runInProcess(args, dir)).status).toBe(0);
    const scenario = JSON.parse(readFileSync(inDir(dir, "real.json"), "utf8"));
    writeJson(dir, "real.json", { ...scenario, training: { ...scenario.training, learningRate: 0.002 } });
    expectOneLineError(await runInProcess(args, dir), "--db", "real.json", "changed");
    writeJson(dir, "real.json", scenario);
    expect((await runInProcess(args, dir)).stdout).toContain("ran 0 now, 1 already finished");
    writeText(dir, "data/carbon/c.csv", fuelMixCsv(310));
    expectOneLineError(await runInProcess(args, dir), "--db", "carbon/c.csv", "changed");
    expect(storedCells(db)).toHaveLength(1);
  });
});

describe("--db names only this framework's database", () => {
  it.each([
    ["another application's tables", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada'), ('grace');"],
    ["a clashing table name", "CREATE TABLE cells (id TEXT PRIMARY KEY, colour TEXT); INSERT INTO cells VALUES ('a', 'red');"],
  ])("%s: refused untouched, exit 2 naming --db", async (_what, sql) => {
    const dir = tempDir("sweep-appdb");
    const file = writeTinySweep(dir, { q: [0], seeds: [1] });
    const db = inDir(dir, "app.db");
    const app = new Database(db);
    app.exec(sql);
    app.close();
    const before = readFileSync(db);
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir), "--db", "app.db");
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it("a database this framework made is stamped with its application id and schema version", async () => {
    const dir = tempDir("sweep-stamp");
    const file = writeTinySweep(dir, { q: [0], seeds: [1], methods: ["plain"] });
    const db = inDir(dir, "r.db");
    expect((await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir)).status).toBe(0);
    const opened = new Database(db, { readonly: true });
    expect(opened.pragma("application_id", { simple: true })).not.toBe(0);
    expect(opened.pragma("user_version", { simple: true })).toBeGreaterThan(0);
    opened.close();
  });
});

describe("two sweeps on one database", () => {
  it("the second refuses while the first runs, naming --db and the first's pid; the first finishes every cell once", async () => {
    const dir = tempDir("sweep-twice");
    const file = writeTinySweep(dir, { q: [0, 2], seeds: [1, 2, 3, 4], methods: ["equitable"] });
    const db = inDir(dir, "r.db");
    const first = startCli(["sweep", file, "--db", db, "--workers", "1"], dir);
    const done = cliExit(first);
    // Wait for the first cell to be stored: the first sweep holds the database from then on.
    let seen = "";
    first.stderr.on("data", (c: Buffer) => (seen += String(c)));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (/cells 1\/8|1\/8/.test(seen)) {
          clearInterval(t);
          resolve();
        }
      }, 50);
      first.on("close", () => {
        clearInterval(t);
        reject(new Error(`the first sweep ended before its first cell: ${seen}`));
      });
    });
    const second = await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir);
    expectOneLineError(second, "--db", "r.db", String(first.pid));
    const r = await done;
    expect(r.status, r.stderr).toBe(0);
    expectComplete(storedCells(db), 8, 5);
  }, 120_000);
});

describe("a damaged database", () => {
  it("garbage bytes, or damaged pages in a results database, are one line naming the file, exit 2", async () => {
    const dir = tempDir("sweep-corrupt");
    const file = writeTinySweep(dir, { q: [0], seeds: [1], methods: ["plain"] });
    const garbage = inDir(dir, "garbage.db");
    writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
    expectOneLineError(await runInProcess(["sweep", file, "--db", garbage, "--workers", "1"], dir), "garbage.db");
    const db = inDir(dir, "r.db");
    expect((await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir)).status).toBe(0);
    // Keep page 1 (the header and the schema), damage the tables' pages: found only when read.
    const bytes = readFileSync(db);
    const pageSize = bytes.readUInt16BE(16);
    for (let k = pageSize; k < bytes.length; k++) bytes[k] = (k * 31) & 0xff;
    writeFileSync(db, bytes);
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir), "r.db");
    expectOneLineError(await runInProcess(["report", db, "--out", inDir(dir, "rep")], dir), "r.db");
  });

  it("a database another process keeps locked past the wait is one line naming the file, exit 2", async () => {
    const dir = tempDir("sweep-locked");
    const file = writeTinySweep(dir, { q: [0], seeds: [1], methods: ["plain"] });
    const db = inDir(dir, "r.db");
    expect((await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir)).status).toBe(0);
    const holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const line = expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--workers", "1"], dir), "--db", "r.db");
      expect(line).toContain("locked");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  }, 60_000);
});

describe("report on a read-only database", () => {
  it.skipIf(nobodyCannotRun !== undefined)("opens a WAL results database in a folder it cannot write (SQLite cannot make its -shm there) and writes the report", async () => {
    const dir = tempDir("sweep-readonly");
    const file = writeTinySweep(dir, { q: [0], seeds: [1], methods: ["plain"] });
    const db = inDir(dir, "r.db");
    expect((await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir)).status).toBe(0);
    const out = path.join(mkdtempSync(path.join(tmpdir(), "equitable-cli-ro-out-")), "report");
    chmodSync(path.dirname(out), 0o777);
    // Root writes anywhere: the report runs as nobody there; elsewhere the folder is made read-only.
    const root = process.getuid?.() === 0;
    chmodSync(dir, root ? 0o755 : 0o555);
    chmodSync(db, 0o644);
    try {
      const here = path.dirname(new URL(import.meta.url).pathname);
      const node = [process.execPath, "--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, "--conditions=@equitable/source", path.join(here, "bin.ts"), "report", db, "--out", out];
      const [cmd, ...args] = root ? ["runuser", "-u", "nobody", "--", ...node] : node;
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(cmd, args, { cwd: path.dirname(out), env: { ...process.env, HOME: path.dirname(out) }, timeout: 60_000 }, (err, _stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stderr }));
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("tiny-sweep");
      expect(existsSync(`${db}-shm`)).toBe(false);
    } finally {
      chmodSync(dir, 0o755);
    }
  }, 60_000);
});
