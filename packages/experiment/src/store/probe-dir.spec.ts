import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { outputWriteError, probeOutputDir } from "./probe-dir.js";
import { tempDir } from "../spec-fixtures.js";

let dir: string;
beforeAll(() => {
  dir = tempDir("probe");
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("probeOutputDir", () => {
  it("creates the missing levels, says which, and leaves no probe file", async () => {
    const target = path.join(dir, "a", "b");
    expect(await probeOutputDir(target, "--out")).toEqual([path.join(dir, "a"), target]);
    expect(existsSync(target)).toBe(true);
    expect(await probeOutputDir(target, "--out")).toEqual([]);
  });

  it("a file on the way is named; the directory itself being a file says so", async () => {
    const file = path.join(dir, "f");
    writeFileSync(file, "x");
    expect((await rejection(probeOutputDir(path.join(file, "g"), "--out"))).message).toContain(`'${file}' is a file, not a directory`);
    expect((await rejection(probeOutputDir(file, "--out"))).message).toContain("it is a file, not a directory");
  });

  it("a filesystem that never answers is an InputError after the timeout, not a hang", async () => {
    // A probe that hung would hit the test's timeout; the message says the probe's own timeout fired.
    const err = await rejection(probeOutputDir(path.join(dir, "slow"), "--out", 300, "setInterval(() => {}, 1000)"));
    expect(err.message).toContain("did not answer within 0.3 s");
  });
});

describe("outputWriteError", () => {
  it("turns an errno error on a file of the output directory into one line naming it; others pass", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, open"), { code: "ENOSPC", syscall: "open", path: path.join(dir, "summary.json") });
    const err = outputWriteError(enospc, dir, "--out") as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`--out: writing '${path.join(dir, "summary.json")}' failed: no space left on the device (ENOSPC); the run's files so far are marked failed`);
    // Through a file handle there is no path.
    const handle = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
    expect((outputWriteError(handle, dir, "--out") as Error).message).toBe(`--out: writing into '${dir}' failed: no space left on the device (ENOSPC); the run's files so far are marked failed`);
    const elsewhere = Object.assign(new Error("x"), { code: "ENOSPC", syscall: "open", path: "/elsewhere" });
    expect(outputWriteError(elsewhere, dir, "--out")).toBe(elsewhere);
    const plain = new TypeError("x");
    expect(outputWriteError(plain, dir, "--out")).toBe(plain);
  });
});
