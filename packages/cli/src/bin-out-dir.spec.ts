import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliExit, runCli, startCli, tempDir, tinyScenario, writeJson, writeText } from "./spec-fixtures.js";
import { earlierRun, expectComplete, filesBelow, markerOf } from "../../experiment/src/store/run-store.spec-helper.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { LOCK_FILE } from "../../experiment/src/store/run-lock.js";

// The output directory of a real CLI run: it has an owner (the run's marker), is checked before
// any training, and is held by a lock while a run writes into it.

let dir: string;
const mine = "not the run's\n";

beforeAll(() => {
  dir = tempDir("out-dir");
  writeJson(dir, "tiny.json", tinyScenario({ q: [0] }));
  // Long enough (several seconds) that a second run started with it meets the first one's lock.
  writeJson(dir, "slow.json", tinyScenario({ q: [0, 2], data: { source: "synthetic", hours: 1200 }, training: { epochs: 30, batchSize: 64 } }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const out = (name: string) => path.join(dir, "out", name);

/** Polls until `check` holds (a child's progress on disk), failing after `ms`. */
async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  const holds = () => {
    try {
      return check();
    } catch {
      return false; // not written yet
    }
  };
  while (!holds()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("a run directory has an owner", () => {
  it("refuses a directory holding a file no run wrote (models/mine.h5), which survives", async () => {
    const o = out("user");
    writeText(o, "models/mine.h5", mine);
    const r = await runCli(["run", "tiny.json", "--out", o, "--quiet"], dir);
    expectOneLineError(r, "--out", o, "models/mine.h5", "--force");
    expect(filesBelow(o)).toEqual(["models/mine.h5"]);
    expect(readFileSync(path.join(o, "models/mine.h5"), "utf8")).toBe(mine);
  });

  it("--force writes beside it and keeps it, through re-runs that replace the run's own files", async () => {
    const o = out("force");
    writeText(o, "models/mine.h5", mine);
    const first = await runCli(["run", "tiny.json", "--out", o, "--quiet", "--force"], dir);
    expect(first.status, first.stderr).toBe(0);
    const again = await runCli(["run", "tiny.json", "--out", o, "--quiet", "--force", "--q", "4"], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(path.join(o, "models/mine.h5"), "utf8")).toBe(mine);
    expect(filesBelow(path.join(o, "models"))).toEqual(["equitable-q+1=5/model.json", "equitable-q+1=5/weights.bin", "mine.h5", "plain/model.json", "plain/weights.bin"]);
    expect(markerOf(o).status).toBe("complete");
  });

  it("--force never replaces a file no run wrote where the run writes one", async () => {
    const o = out("in-the-way");
    writeText(o, "summary.json", mine);
    const r = await runCli(["run", "tiny.json", "--out", o, "--quiet", "--force"], dir);
    expectOneLineError(r, "--out", path.join(o, "summary.json"), "in the way");
    expect(filesBelow(o)).toEqual(["summary.json"]);
    expect(readFileSync(path.join(o, "summary.json"), "utf8")).toBe(mine);
  });

  it("a file a run wrote but someone changed since counts as theirs", async () => {
    const o = out("changed");
    earlierRun(o, { "summary.json": "[]\n" });
    writeFileSync(path.join(o, "summary.json"), mine);
    const r = await runCli(["run", "tiny.json", "--out", o, "--quiet"], dir);
    expectOneLineError(r, "--out", "summary.json, changed since a run wrote it");
    expect(readFileSync(path.join(o, "summary.json"), "utf8")).toBe(mine);
  });

  it("an empty --out is an error, and nothing in the working directory is touched", async () => {
    const cwd = path.join(dir, "cwd");
    writeText(cwd, "models/mine.h5", mine);
    writeJson(cwd, "tiny.json", tinyScenario({ q: [0] }));
    for (const args of [["--out="], ["--out", ""]]) {
      expectOneLineError(await runCli(["run", "tiny.json", ...args, "--quiet"], cwd), "--out", "empty");
      expect(filesBelow(cwd)).toEqual(["models/mine.h5", "tiny.json"]);
    }
  });
});

describe("the output directory is checked before any training, in seconds", () => {
  const unwritable: [string, () => string, string][] = [
    ["/proc/x (mkdir -p never returns there on Node 20)", () => "/proc/x", "/proc/x"],
    ["EPERM under /sys", () => "/sys/equitable-x", "EPERM"],
    ["a dangling symbolic link on the way", () => {
      const link = path.join(dir, "dangling");
      if (!existsSync(link)) symlinkSync(path.join(dir, "no-such-target"), link);
      return path.join(link, "out");
    }, "symbolic link"],
    ["a file on the way (ENOTDIR)", () => path.join(writeText(dir, "a-file", "x"), "out"), "is a file"],
  ];
  for (const [what, target, mention] of unwritable) {
    it(`${what}: exit 2, one line naming it, no training`, async ({ skip }) => {
      if (what.startsWith("/proc") && !existsSync("/proc/self")) skip();
      if (what.includes("/sys") && !existsSync("/sys/kernel")) skip();
      const o = target();
      // Not --quiet: a model trained first would print "training plain…" on stderr, and the error
      // would not be the only line. A probe that hung would hit the test's timeout (timings are for
      // benchmarks: a wall-clock bound here failed on a busy machine).
      const r = await runCli(["run", "tiny.json", "--out", o], dir);
      expectOneLineError(r, "--out", mention);
      expect(r.stderr).not.toContain("training");
    });
  }

  it("EACCES for a user who may not write there (skipped as root, who may)", async ({ skip }) => {
    if (process.getuid?.() === 0 || process.platform === "win32") skip();
    const locked = path.join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    expectOneLineError(await runCli(["run", "tiny.json", "--out", path.join(locked, "out")], dir), "--out", "permission denied");
  });
});

describe("a lock stops a second run into the same directory", () => {
  it("two runs started together: one runs, the other exits 2 naming the lock", async () => {
    const o = out("together");
    const results = await Promise.all([0, 1].map(() => cliExit(startCli(["run", "slow.json", "--out", o, "--quiet"], dir))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, results.map((r) => r.stderr).join("\n")).toEqual([0, 2]);
    expectOneLineError(results.find((r) => r.status === 2)!, "--out", "another equitable run", LOCK_FILE);
    expectComplete(o);
  });

  it("a lock left by a killed run (its pid gone) is reclaimed", async () => {
    const o = out("stale-lock");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeJson(o, LOCK_FILE, { pid: gone, host: hostname(), startedAt: "2020-01-01T00:00:00.000Z" });
    const r = await runCli(["run", "tiny.json", "--out", o, "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    expectComplete(o);
  });

  it("a run killed mid-training leaves its files marked running; a re-run ends complete and consistent", async () => {
    const o = out("killed");
    const first = await runCli(["run", "tiny.json", "--out", o, "--quiet"], dir);
    expect(first.status, first.stderr).toBe(0);
    const child = startCli(["run", "slow.json", "--out", o, "--quiet"], dir);
    const exit = cliExit(child);
    // Killed once it has replaced the earlier run and saved its first model.
    await until(() => existsSync(path.join(o, "models", "plain", "model.json")) && markerOf(o).status === "running" && markerOf(o).files["models/plain/model.json"] !== null);
    child.kill("SIGKILL");
    expect((await exit).status).toBeNull();
    // Its own files, marked incomplete; no summary.json; the dead run's lock is still there.
    expect(existsSync(path.join(o, "summary.json"))).toBe(false);
    expect(existsSync(path.join(o, LOCK_FILE))).toBe(true);
    expect(markerOf(o).status).toBe("running");
    const rerun = await runCli(["run", "slow.json", "--out", o, "--quiet"], dir);
    expect(rerun.status, rerun.stderr).toBe(0);
    expectComplete(o);
  });
});
