import { afterAll, describe, expect, it } from "vitest";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { REDIS_SERVER, startRedis, waitForLine } from "./redis.spec-helper.js";
import { cliExit, runCli, startCli, tempDir, type CliResult } from "./spec-fixtures.js";
import { expectComplete, inDir, resultsById, storedCells, writeTinySweep } from "./sweep.spec-helper.js";

describe.runIf(REDIS_SERVER)("distributed sweeps over BullMQ (a real redis-server on 127.0.0.1)", () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it("a coordinator and two workers finish a sweep; a worker SIGKILLed mid-cell has its cell retried: every cell stored once, as a local sweep computes it", async () => {
    const redis = await startRedis();
    stops.push(redis.stop);
    const dir = tempDir("queue");
    // Cells long enough (6 epochs) that one is surely still training when its worker is killed.
    const file = writeTinySweep(dir, { q: [0, 2], seeds: [1, 2], epochs: [6] });
    const local = await runCli(["sweep", file, "--db", inDir(dir, "local.db"), "--workers", "2", "--quiet"], dir);
    expect(local.status, local.stderr).toBe(0);

    const db = inDir(dir, "queue.db");
    const coordinator = startCli(["sweep", file, "--db", db, "--queue", redis.url, "--quiet"], dir);
    const done = cliExit(coordinator);
    const worker = (name: string) => {
      const child = startCli(["worker", "--queue", redis.url, "--workers", "1", "--lock-seconds", "2"], dir);
      const exit = cliExit(child);
      stops.push(async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exit;
      });
      return { name, child, exit };
    };
    const a = worker("a");
    const started = await waitForLine(a.child, /worker (\S+): started cell (\w+)/);
    const [, aName, killedCell] = started;
    const b = worker("b");
    a.child.kill("SIGKILL");
    const aExit: CliResult = await a.exit;
    expect(aExit.status).toBe(null);
    expect(aExit.stderr).not.toContain(`finished cell ${killedCell}`);

    const result = await done;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("6 cells; ran 6 now, 0 already finished, 0 failed");
    const cells = storedCells(db);
    expectComplete(cells, 6, 5);
    expect(resultsById(cells)).toEqual(resultsById(storedCells(inDir(dir, "local.db"))));
    // The killed worker's cell was trained again, by the other worker.
    const retried = cells.find((c) => c.id === killedCell)!;
    expect(retried.status).toBe("done");
    b.child.kill("SIGTERM");
    const bExit = await b.exit;
    expect(bExit.stderr).toContain(`started cell ${killedCell}`);
    expect(bExit.stderr).not.toContain(aName);
  });

  it("an unreachable Redis is one line, exit 2, for the coordinator and a worker", async () => {
    const dir = tempDir("queue-down");
    const file = writeTinySweep(dir);
    const [sweep, worker] = await Promise.all([
      runCli(["sweep", file, "--db", inDir(dir, "r.db"), "--queue", "redis://127.0.0.1:1"], dir),
      runCli(["worker", "--queue", "redis://127.0.0.1:1"], dir),
    ]);
    expectOneLineError(sweep, "--queue", "cannot reach Redis at redis://127.0.0.1:1", "ECONNREFUSED");
    expectOneLineError(worker, "--queue", "cannot reach Redis");
    expectOneLineError(await runCli(["sweep", file, "--queue", "http://x"], dir), "--queue", "not a Redis address");
  });
});
