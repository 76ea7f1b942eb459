import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { CellResult, CellSpec } from "./cell.js";
import { APPLICATION_ID, ResultsDb } from "./results-db.js";

const cell = (k: number): CellSpec => ({
  key: `k${k}`, id: `id${k}`, index: k, scenarioRef: "s.json", scenarioName: "s", scenarioFile: "/s.json", scenario: {},
  objective: { method: "equitable", q: k }, method: "equitable", label: `q${k}`, q: k, beta: 0, seed: 1, epochs: 2, params: {},
  jobs: [], methodParams: { q: k, distance: k % 2 ? "cosine" : "euclidean" },
});
const result: CellResult = {
  row: {
    method: "equitable", methodLabel: "Equitable PM", q: 0, qPlusOne: 1, beta: 0, seed: 1, variance: 1, mean: 2, c95MinusC5: 3, mse: 4, hNorm: 0.5,
    worst: 6, worstAlpha: 5, alpha: 0.2, jain: 0.7, epochs: 2, label: "q0", params: { q: 0, distance: "euclidean" },
  },
  agentIds: ["a", "b"], agentMeanRegrets: [1.5, 2.5], trainSeconds: 0.1,
};

describe("ResultsDb", () => {
  it("stores a cell once: a second result for it changes nothing; a reopened database resumes with the unfinished cells", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-db-")), "r.db");
    const db = ResultsDb.open(file);
    expect(db.prepare("s", "s.json", { a: 1 }, "v1", [cell(0), cell(1), cell(2)])).toHaveLength(3);
    expect(db.complete("id0", result, "v1", "w")).toBe(true);
    expect(db.complete("id0", { ...result, agentMeanRegrets: [9, 9] }, "v1", "w")).toBe(false);
    expect(db.fail("id1", "diverged", "v1", "w")).toBe(true);
    db.close();
    const again = ResultsDb.open(file);
    expect(again.prepare("s", "s.json", { a: 1 }, "v2", [cell(0), cell(1), cell(2)]).map((c) => c.id)).toEqual(["id2"]);
    expect(again.counts()).toEqual({ pending: 1, done: 1, failed: 1, "failed-retryable": 0 });
    expect(again.agentRegrets().get("id0")?.regrets).toEqual([1.5, 2.5]);
    expect(again.cells()[1].error).toBe("diverged");
    // worst-α, its α and the method's own parameters are stored per cell.
    expect(again.cells()[0]).toMatchObject({ metrics: { worstAlpha: 5, mean: 2 }, alpha: 0.2, methodParams: { q: 0, distance: "euclidean" } });
    expect(again.cells()[1].methodParams).toEqual({ q: 1, distance: "cosine" });
    // The report's rows: every cell in expansion order, each with its agents' regrets (none unless done).
    expect(again.cellRows().map((c) => [c.id, c.status, c.agentIds, c.regrets])).toEqual([["id0", "done", ["a", "b"], [1.5, 2.5]], ["id1", "failed", [], []], ["id2", "pending", [], []]]);
    // A new description is the same sweep; another configuration is refused: its cells would mix with these.
    expect(again.prepare("s", "s.json", { a: 1, description: "now described" }, "v2", [cell(0), cell(1), cell(2)])).toHaveLength(1);
    expect(() => again.prepare("s", "s.json", { a: 2 }, "v2", [])).toThrow(/another sweep configuration/);
    again.close();
  });
});

describe("ResultsDb on a database of the first layout", () => {
  it("is opened and widened in place: its cells kept, failed-retryable storable, stamped with the application id", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-db-v1-")), "r.db");
    // The first layout: no application id, status CHECK without 'failed-retryable', no inputs, no lease.
    const old = new Database(file);
    old.exec(`CREATE TABLE sweep (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, file TEXT NOT NULL, config TEXT NOT NULL, code_version TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE cells (id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, idx INTEGER NOT NULL, scenario TEXT NOT NULL, scenario_name TEXT NOT NULL, method TEXT NOT NULL, label TEXT NOT NULL,
        q REAL, beta REAL, seed INTEGER NOT NULL, epochs INTEGER NOT NULL, params TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        variance REAL, mean REAL, c95MinusC5 REAL, mse REAL, hNorm REAL, worst REAL, jain REAL, epochs_seen INTEGER, train_seconds REAL, error TEXT, code_version TEXT, worker TEXT,
        attempts INTEGER NOT NULL DEFAULT 0, finished_at TEXT);
      CREATE TABLE agent_regrets (cell_id TEXT NOT NULL REFERENCES cells(id), agent INTEGER NOT NULL, agent_id TEXT NOT NULL, mean_regret REAL NOT NULL, PRIMARY KEY (cell_id, agent));
      INSERT INTO sweep VALUES (1, 's', 's.json', '{"a":1}', 'v1', '2026-01-01');
      INSERT INTO cells (id, key, idx, scenario, scenario_name, method, label, q, beta, seed, epochs, params, status, mean) VALUES ('id0', 'k0', 0, 's.json', 's', 'equitable', 'q0', 0, 0, 1, 2, '{}', 'done', 2);
      INSERT INTO cells (id, key, idx, scenario, scenario_name, method, label, q, beta, seed, epochs, params, status) VALUES ('id1', 'k1', 1, 's.json', 's', 'equitable', 'q1', 1, 0, 1, 2, '{}', 'pending');
      INSERT INTO agent_regrets VALUES ('id0', 0, 'a', 1.5);`);
    old.close();
    const db = ResultsDb.open(file);
    expect(db.prepare("s", "s.json", { a: 1 }, "v2", [cell(0), cell(1)]).map((c) => c.id)).toEqual(["id1"]);
    expect(db.fail("id1", "no data file", "v2", "w", true)).toBe(true);
    expect(db.cellRows().map((c) => [c.id, c.status, c.regrets])).toEqual([["id0", "done", [1.5]], ["id1", "failed-retryable", []]]);
    db.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    raw.close();
    // The next sweep reruns the cell failed for a fixable reason.
    const again = ResultsDb.open(file);
    expect(again.prepare("s", "s.json", { a: 1 }, "v2", [cell(0), cell(1)]).map((c) => c.id)).toEqual(["id1"]);
    again.close();
  });
});

describe("ResultsDb's lease", () => {
  it("refuses a second holder while the first lives, and takes over the lease of a process that died", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-db-lease-")), "r.db");
    const first = ResultsDb.open(file);
    const raw = new Database(file);
    // A live process of this host (the test runner's parent) holds it: refused, naming its pid.
    raw.prepare("INSERT INTO lease (id, pid, host, token, started_at, heartbeat_at) VALUES (1, ?, ?, 't', 'then', ?)").run(process.ppid, hostname(), Date.now());
    expect(() => first.claim()).toThrow(new RegExp(`in use by another sweep \\(pid ${process.ppid} `));
    // Its process is gone (a pid no process has): taken over, and given back on close.
    raw.prepare("UPDATE lease SET pid = ?").run(deadPid());
    first.claim();
    expect(raw.prepare("SELECT pid FROM lease").get()).toEqual({ pid: process.pid });
    first.close();
    expect(raw.prepare("SELECT COUNT(*) AS n FROM lease").get()).toEqual({ n: 0 });
    raw.close();
  });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}
