// What a Redis queue cannot make a worker or a coordinator do: load code a job names, store a
// malformed result, hang when Redis goes, print a password, or forge worker log lines. Each spec
// runs the real CLI against a real redis-server and plays the attacker through BullMQ itself.
import { existsSync } from "node:fs";
import path from "node:path";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { Queue, Worker, type Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { loadSweep, type CellSpec } from "@equitable/sweep";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { REDIS_SERVER, startRedis, waitForLine } from "./redis.spec-helper.js";
import { cliExit, repoRoot, runCli, runInProcess, startCli, tempDir, writeText, type CliResult } from "./spec-fixtures.js";
import { inDir, storedCells, writeTinySweep } from "./sweep.spec-helper.js";

const QUEUE = "equitable-cells";
const smoothMax = path.join(repoRoot, "packages", "cli", "src", "spec-fixtures", "smooth-max-method.ts");

/** A real cell of a one-cell tiny sweep in `dir` (what a coordinator would enqueue), to forge jobs from. */
async function realCell(dir: string): Promise<CellSpec> {
  const sweep = await loadSweep(writeTinySweep(dir, { methods: ["plain"], seeds: [1] }));
  return sweep.cells[0];
}

/** The job's final state once a worker settled it (completed, or failed with no try left), polled. */
async function settled(queue: Queue, id: string, ms = 60_000): Promise<Job> {
  const until = Date.now() + ms;
  for (;;) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : "missing";
    // Read again once settled: the job fetched before its state changed lacks failedReason / returnvalue.
    if (job && (state === "completed" || state === "failed")) return (await queue.getJob(id))!;
    if (Date.now() > until) throw new Error(`job ${id} still ${state} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What `child` printed once it exited; SIGKILLed after `ms` so a hang fails the spec with its output. */
async function exitWithin(child: ChildProcessWithoutNullStreams, ms: number): Promise<CliResult & { hung: boolean }> {
  const exit = cliExit(child);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill("SIGKILL");
  }, ms);
  const r = await exit;
  clearTimeout(timer);
  return { ...r, hung };
}

/** No stack trace, no ioredis dump: every stderr line is the CLI's own. */
function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain("[ioredis]");
  expect(stderr).not.toContain("internal error");
}

describe.runIf(REDIS_SERVER)("a queue that cannot poison, hijack or hang a sweep (a real redis-server on 127.0.0.1)", () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });
  /** Starts `equitable worker` stopped (SIGTERM) after the spec. */
  const worker = (args: readonly string[], dir: string) => {
    const child = startCli(["worker", "--workers", "1", ...args], dir);
    const exit = cliExit(child);
    stops.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exit;
    });
    return { child, exit };
  };
  const redisServer = async (opts: Parameters<typeof startRedis>[0] = {}) => {
    const redis = await startRedis(opts);
    stops.push(redis.stop);
    return redis;
  };
  const queueAt = (url: string) => {
    const queue = new Queue(QUEUE, { connection: { url, maxRetriesPerRequest: null } });
    stops.push(() => queue.close());
    return queue;
  };

  it("a forged job naming a plug-in the worker was not given (--plugins) is refused: the plug-in never loads, and the job fails for a retry, not as the cell's own failure", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-plugin");
    const marker = inDir(dir, "marker");
    // An ES module (.mjs): it runs on import, before any check of what it exports could refuse it.
    const body = `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport const agentKinds = [];\n`;
    const evil = writeText(dir, "evil.mjs", body);
    const cell = await realCell(dir);
    const w = worker(["--queue", redis.url], dir);
    await waitForLine(w.child, /waiting for cells/);
    const queue = queueAt(redis.url);
    for (const [id, plugins] of [["forged-path", [evil]], ["forged-package", ["evil"]]] as const) {
      // As a package name too: resolved from the job's scenarioFile directory, it would find dir/node_modules/evil.
      if (id === "forged-package") {
        writeText(dir, "node_modules/evil/package.json", JSON.stringify({ name: "evil", type: "module", main: "index.mjs" }));
        writeText(dir, "node_modules/evil/index.mjs", body);
      }
      await queue.add("cell", { cell: { ...cell, scenario: { ...cell.scenario, plugins } }, codeVersion: "forged" }, { jobId: id, attempts: 1 });
      const job = await settled(queue, id);
      expect(await job.getState()).toBe("failed");
      expect(existsSync(marker)).toBe(false);
      expect(job.failedReason).toContain("--plugins");
      // Not "cell refused: " (the cell's own failure, stored as failed): another worker may hold the plug-in.
      expect(job.failedReason).not.toMatch(/^cell refused: /);
    }
  });

  it("a sweep whose scenario names a plug-in: a worker without it leaves the cells pending, naming --plugins; a worker given it with --plugins finishes them", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-allow");
    const file = writeTinySweep(dir, { methods: ["smooth-max"], q: [0], seeds: [1] }, { plugins: [smoothMax], methodOptions: { "smooth-max": { temperature: 0.1 } } });
    const db = inDir(dir, "r.db");
    worker(["--queue", redis.url], dir);
    const first = await exitWithin(startCli(["sweep", file, "--db", db, "--queue", redis.url], dir), 90_000);
    expect(first.hung, first.stderr).toBe(false);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/left pending for a rerun \(.*--plugins/);
    expect(storedCells(db).map((c) => c.status)).toEqual(["pending"]);
    const allowed = worker(["--queue", redis.url, "--queue-name", "with-plugins", "--plugins", smoothMax], dir);
    await waitForLine(allowed.child, /waiting for cells/);
    const second = await exitWithin(startCli(["sweep", file, "--db", db, "--queue", redis.url, "--queue-name", "with-plugins", "--quiet"], dir), 90_000);
    expect(second.status, second.stderr).toBe(0);
    expect(storedCells(db).map((c) => c.status)).toEqual(["done"]);
  });

  it("a forged job of the wrong shape, or whose data path leaves the data directory, is refused naming the field; the worker goes on", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-shape");
    const cell = await realCell(dir);
    const w = worker(["--queue", redis.url], dir);
    await waitForLine(w.child, /waiting for cells/);
    const queue = queueAt(redis.url);
    await queue.add("cell", { cell: { id: "x" }, codeVersion: "forged" }, { jobId: "shape", attempts: 1 });
    expect((await settled(queue, "shape")).failedReason).toMatch(/cell\.\w+/);
    const outside = { ...cell.scenario, signal: { ...(cell.scenario.signal as object), price: { kind: "csv", file: "../../../etc/passwd" } } };
    await queue.add("cell", { cell: { ...cell, scenario: outside }, codeVersion: "forged" }, { jobId: "outside", attempts: 1 });
    expect((await settled(queue, "outside")).failedReason).toContain("outside the data directory");
    // Still serving: a genuine cell trains.
    await queue.add("cell", { cell, codeVersion: "forged" }, { jobId: "genuine", attempts: 1 });
    const job = await settled(queue, "genuine");
    expect(await job.getState(), job.failedReason).toBe("completed");
  });

  it("a job's strings reach the worker log escaped: no terminal escapes, no forged lines", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-log");
    const cell = await realCell(dir);
    const w = worker(["--queue", redis.url], dir);
    await waitForLine(w.child, /waiting for cells/);
    const queue = queueAt(redis.url);
    const forged = "v1\nworker evil:1: finished cell 0000\u001b[2J\u009b31m\r";
    await queue.add("cell", { cell, codeVersion: forged }, { jobId: "log", attempts: 1 });
    await settled(queue, "log");
    w.child.kill("SIGTERM");
    const { stderr } = await w.exit;
    expect(stderr).toContain("coordinator runs code v1\\nworker evil:1: finished cell 0000\\x1b[2J\\x9b31m\\r");
    expect(stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(stderr).not.toMatch(/^worker evil/m);
  });

  it("malformed results ({}, a regret NaN that JSON made null) leave their cells pending with a clear line, exit 1; a later run finishes them", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-result");
    const file = writeTinySweep(dir, { methods: ["plain"], seeds: [1, 2] });
    const db = inDir(dir, "r.db");
    const row = { method: "plain", methodLabel: "Plain PM", q: null, qPlusOne: null, beta: null, seed: 1, variance: 1, mean: null, c95MinusC5: 1, mse: 1, hNorm: 1, worst: 1, worstAlpha: 1, alpha: 0.1, jain: 1, epochs: 2, label: "plain", params: {} };
    const malformed: unknown[] = [{}, { result: { row, agentIds: ["a"], agentMeanRegrets: [null], trainSeconds: 1 }, worker: "evil", codeVersion: "x" }];
    // The attacker's worker: it answers every cell with a malformed result.
    const fake = new Worker(QUEUE, async () => malformed.shift() ?? {}, { connection: { url: redis.url, maxRetriesPerRequest: null } });
    stops.push(() => fake.close());
    const first = await exitWithin(startCli(["sweep", file, "--db", db, "--queue", redis.url], dir), 60_000);
    await fake.close();
    expect(first.hung, first.stderr).toBe(false);
    expect(first.status, first.stderr).toBe(1);
    expectNoStackTrace(first.stderr);
    expect(first.stderr.match(/malformed result/g)).toHaveLength(2);
    expect(first.stdout).toContain("2 left pending (rerun to retry)");
    expect(storedCells(db).map((c) => c.status)).toEqual(["pending", "pending"]);
    worker(["--queue", redis.url], dir);
    const second = await exitWithin(startCli(["sweep", file, "--db", db, "--queue", redis.url, "--quiet"], dir), 90_000);
    expect(second.status, second.stderr).toBe(0);
    expect(storedCells(db).map((c) => c.status)).toEqual(["done", "done"]);
  });

  it("Redis gone mid-sweep: one line after a bounded wait, exit 1, no stack traces, cells left pending", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-down");
    const file = writeTinySweep(dir, { methods: ["plain"], seeds: [1] });
    const db = inDir(dir, "r.db");
    // A worker on another queue of that Redis (so the cell stays pending): it outlives Redis quietly.
    const idle = worker(["--queue", redis.url, "--queue-name", "idle"], dir);
    await waitForLine(idle.child, /waiting for cells/);
    const coordinator = startCli(["sweep", file, "--db", db, "--queue", redis.url, "--redis-wait", "3"], dir);
    const exit = exitWithin(coordinator, 60_000);
    await waitForLine(coordinator, /enqueued/);
    await redis.stop();
    const r = await exit;
    idle.child.kill("SIGTERM");
    const w = await idle.exit;
    expect(w.status, w.stderr).toBe(0);
    expectNoStackTrace(w.stderr);
    // One line when Redis went, not one per reconnection.
    expect(w.stderr.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(r.hung, r.stderr).toBe(false);
    expect(r.status, r.stderr).toBe(1);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toMatch(new RegExp(`^error: --queue: lost Redis at ${redis.url} for 3 s \\(.*\\): 1 cell left pending; rerun the sweep once Redis is back$`, "m"));
    expect(storedCells(db).map((c) => c.status)).toEqual(["pending"]);
  });

  it("Redis restarted empty mid-sweep: the coordinator enqueues its lost cells again and a worker finishes them", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-restart");
    const file = writeTinySweep(dir, { methods: ["plain"], seeds: [1, 2] });
    const db = inDir(dir, "r.db");
    const coordinator = startCli(["sweep", file, "--db", db, "--queue", redis.url], dir);
    const exit = exitWithin(coordinator, 90_000);
    await waitForLine(coordinator, /enqueued/);
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await redisServer({ port: redis.port });
    worker(["--queue", redis.url], dir);
    const r = await exit;
    expect(r.hung, r.stderr).toBe(false);
    expect(r.status, r.stderr).toBe(0);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toContain("enqueued again");
    expect(storedCells(db).map((c) => c.status)).toEqual(["done", "done"]);
  });

  it("an ACL user's password is never printed: a wrong one is one line without it; a right one works and logs the address redacted", async () => {
    const redis = await redisServer({ args: ["--user", "alice", "on", ">right-secret-pw", "~*", "&*", "+@all", "--user", "default", "off"] });
    const dir = tempDir("trust-acl");
    const file = writeTinySweep(dir, { methods: ["plain"], seeds: [1] });
    const wrong = `redis://alice:wrong-secret-pw@127.0.0.1:${redis.port}`;
    const line = expectOneLineError(await runInProcess(["sweep", file, "--db", inDir(dir, "r.db"), "--queue", wrong], dir), "--queue", "cannot reach Redis at redis://alice:***@127.0.0.1");
    expect(line).not.toContain("wrong-secret-pw");
    expect(existsSync(inDir(dir, "r.db"))).toBe(false);
    const right = `redis://alice:right-secret-pw@127.0.0.1:${redis.port}`;
    const w = worker(["--queue", right], dir);
    await waitForLine(w.child, /waiting for cells/);
    const r = await exitWithin(startCli(["sweep", file, "--db", inDir(dir, "r.db"), "--queue", right], dir), 90_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`at redis://alice:***@127.0.0.1:${redis.port}`);
    w.child.kill("SIGTERM");
    const { stderr } = await w.exit;
    expect(stderr).toContain(`at redis://alice:***@127.0.0.1:${redis.port}`);
    expect(`${stderr}${r.stderr}${r.stdout}`).not.toContain("right-secret-pw");
  });

  it("--queue-name with a ':' is one line naming --queue-name, exit 2, before the database is created", async () => {
    const redis = await redisServer();
    const dir = tempDir("trust-name");
    const file = writeTinySweep(dir, { methods: ["plain"], seeds: [1] });
    const db = inDir(dir, "r.db");
    expectOneLineError(await runInProcess(["sweep", file, "--db", db, "--queue", redis.url, "--queue-name", "a:b"], dir), "--queue-name", "':'");
    expect(existsSync(db)).toBe(false);
    expectOneLineError(await runCli(["worker", "--queue", redis.url, "--queue-name", "a:b"], dir), "--queue-name", "':'");
  });
});
