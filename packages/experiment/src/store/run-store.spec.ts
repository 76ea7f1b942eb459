import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { RunStore } from "./run-store.js";
import { isInsidePath, MARKER_FILE } from "./run-marker.js";
import { earlierRun, filesBelow, markerOf } from "./run-store.spec-helper.js";
import { tempDir } from "../spec-fixtures.js";

let root: string;
let n = 0;
const fresh = () => path.join(root, `d${++n}`);
const planned = ["summary.json", "models/plain/model.json"];

beforeAll(() => {
  root = tempDir("run-dir");
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function refused(dir: string, force = false): Promise<InputError> {
  const err = await RunStore.open(dir, { where: "--out", force, planned }).then((d) => d.release(), (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("isInsidePath", () => {
  it("accepts relative paths inside, refuses absolute ones, . and .. parts", () => {
    expect(["a", "models/plain/model.json", ".equitable-run.json"].every(isInsidePath)).toBe(true);
    expect(["", "/etc/passwd", "../x", "models/../../x", "a//b", "./a", "a\\b"].some(isInsidePath)).toBe(false);
  });
});

describe("RunStore", () => {
  it("a marker naming a file outside the directory is not a marker: refused, the file untouched", async () => {
    const dir = fresh();
    const outside = path.join(root, "outside.txt");
    writeFileSync(outside, "keep\n");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify({ format: "equitable-run/1", status: "complete", pid: 1, startedAt: "", files: { "../outside.txt": null }, dirs: [] }));
    expect((await refused(dir)).message).toContain(MARKER_FILE);
    expect((await refused(dir, true)).message).toContain("in the way");
    expect(readFileSync(outside, "utf8")).toBe("keep\n");
  });

  it("begin removes the earlier run's files, its temporaries and emptied folders, and nothing else", async () => {
    const dir = fresh();
    earlierRun(dir, { "summary.json": "[]", "models/old/model.json": "{}" });
    writeFileSync(path.join(dir, "summary.json.123.tmp"), "half");
    writeFileSync(path.join(dir, "models/old/model.json.123-0a1b.tmp"), "half");
    const runDir = await RunStore.open(dir, { where: "--out", force: false, planned });
    await runDir.begin();
    expect(filesBelow(dir)).toEqual([".equitable-run.json", ".equitable-run.lock"]);
    expect(existsSync(path.join(dir, "models/old"))).toBe(false);
    expect(markerOf(dir)).toMatchObject({ status: "running", files: { "summary.json": null, "models/plain/model.json": null }, dirs: ["models", "models/plain"] });
    await runDir.release();
    expect(existsSync(path.join(dir, ".equitable-run.lock"))).toBe(false);
  });

  it("a temporary-looking file beside no listed file is someone else's", async () => {
    const dir = fresh();
    earlierRun(dir, { "summary.json": "[]" });
    writeFileSync(path.join(dir, "notes.txt.42.tmp"), "mine");
    expect((await refused(dir)).message).toContain("notes.txt.42.tmp");
  });

  it("a run that never begins removes the folders it made for nothing", async () => {
    const dir = path.join(fresh(), "a", "b");
    const runDir = await RunStore.open(dir, { where: "--out", force: false, planned });
    expect(existsSync(dir)).toBe(true);
    await runDir.release();
    expect(existsSync(path.dirname(path.dirname(dir)))).toBe(false);
  });
});
