import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { acquireRunLock, LOCK_FILE } from "./run-lock.js";
import { tempDir } from "../spec-fixtures.js";

let dir: string;
beforeAll(() => {
  dir = tempDir("lock");
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lockOf = (d: string) => path.join(d, LOCK_FILE);
const holder = (pid: number, host = hostname()) => JSON.stringify({ pid, host, startedAt: "2020-01-01T00:00:00.000Z" });

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("acquireRunLock", () => {
  it("writes this process's pid, refuses a second taker (in this process too) and goes on release", async () => {
    const lock = await acquireRunLock(dir, "--out");
    expect(JSON.parse(readFileSync(lockOf(dir), "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    const err = await rejection(acquireRunLock(dir, "--out"));
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toContain(lockOf(dir));
    await lock.release();
    expect(existsSync(lockOf(dir))).toBe(false);
    expect(existsSync(`${lockOf(dir)}.${process.pid}.tmp`)).toBe(false);
  });

  it("reclaims a lock whose pid is gone, and one naming this pid that this process does not hold", async () => {
    for (const pid of [spawnSync(process.execPath, ["-e", "0"]).pid!, process.pid]) {
      writeFileSync(lockOf(dir), holder(pid));
      const lock = await acquireRunLock(dir, "--out");
      expect(JSON.parse(readFileSync(lockOf(dir), "utf8")).startedAt).not.toBe("2020-01-01T00:00:00.000Z");
      await lock.release();
    }
  });

  it("keeps a lock held by a live process, and one from another host", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(lockOf(dir), holder(child.pid!));
      expect((await rejection(acquireRunLock(dir, "--out"))).message).toContain(`pid ${child.pid}`);
      writeFileSync(lockOf(dir), holder(1, "another-host"));
      expect((await rejection(acquireRunLock(dir, "--out"))).message).toContain("on another-host");
    } finally {
      child.kill("SIGKILL");
      rmSync(lockOf(dir), { force: true });
    }
  });

  it("release leaves a lock another run has taken since alone", async () => {
    const lock = await acquireRunLock(dir, "--out");
    writeFileSync(lockOf(dir), holder(1));
    await lock.release();
    expect(existsSync(lockOf(dir))).toBe(true);
    rmSync(lockOf(dir));
  });
});
