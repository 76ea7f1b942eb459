import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_SERVER, startRedis } from "./redis.spec-helper.js";
import { azureCsv, cliExit, fuelMixCsv, startCli, tempDir, tinyScenario, writeJson, writeText } from "./spec-fixtures.js";
import { expectComplete, inDir, storedCells } from "./sweep.spec-helper.js";

describe.runIf(REDIS_SERVER)("a misconfigured worker on the queue (a real redis-server on 127.0.0.1)", () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  /** Starts `equitable worker` on `url` with `dataDir`, stopped (SIGTERM) when the spec ends. */
  function worker(dir: string, url: string, dataDir: string) {
    const child = startCli(["worker", "--queue", url, "--workers", "1", "--data-dir", dataDir], dir);
    const exit = cliExit(child);
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exit;
    };
    stops.push(stop);
    return stop;
  }

  it("a worker with a wrong --data-dir stores its cells failed-retryable, never failed for good: the sweep exits 1 and a rerun with a good worker finishes them", async () => {
    const redis = await startRedis();
    stops.push(redis.stop);
    const dir = tempDir("queue-poison");
    writeText(dir, "data/carbon/grid.csv", fuelMixCsv(300));
    writeText(dir, "data/datacenter/demand.csv", azureCsv(300));
    mkdirSync(path.join(dir, "empty"));
    writeJson(dir, "real.json", tinyScenario({ name: "real", data: { source: "real", carbon: "carbon/grid.csv", demand: "datacenter/demand.csv" } }));
    const file = writeJson(dir, "sweep.json", { name: "poison", scenario: "real.json", q: [0, 2], seeds: [1] });
    const db = inDir(dir, "q.db");

    // Only the misconfigured worker: every try of every cell fails on its data directory.
    const stopBad = worker(dir, redis.url, path.join(dir, "empty"));
    const first = await cliExit(startCli(["sweep", file, "--db", db, "--queue", redis.url, "--quiet"], dir));
    await stopBad();
    expect(first.status, first.stderr).toBe(1);
    const poisoned = storedCells(db);
    expect(poisoned.map((c) => c.status)).toEqual(["failed-retryable", "failed-retryable", "failed-retryable"]);
    expect(poisoned[0].error).toContain("carbon/grid.csv");

    // The operator fixes the worker: the same sweep reruns the cells instead of calling them finished.
    worker(dir, redis.url, path.join(dir, "data"));
    const second = await cliExit(startCli(["sweep", file, "--db", db, "--queue", redis.url, "--quiet"], dir));
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("3 cells; ran 3 now, 0 already finished, 0 failed");
    expectComplete(storedCells(db), 3, 5);
  });
});
