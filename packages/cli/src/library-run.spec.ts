import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot, runInProcess, tempDir } from "./spec-fixtures.js";

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Runs examples/library-run.ts as a user would, from the repository's root. */
function runExample(out: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", tsxLoader, "--conditions=@equitable/source", path.join(repoRoot, "examples/library-run.ts"), out],
      { cwd: repoRoot, encoding: "utf8", timeout: 240_000 }, (err, stdout, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve({ stdout, stderr })));
  });
}

// The library is what `run` calls: the example's ~20 lines must reproduce the command's results exactly.
describe("examples/library-run.ts", () => {
  it("gives a summary.json and regrets.csv byte-identical to `equitable run scenarios/default`'s, and prints the same table", async () => {
    const dir = tempDir("library");
    const [lib, cli] = [path.join(dir, "lib"), path.join(dir, "cli")];
    const example = await runExample(lib);
    const run = await runInProcess(["run", path.join(repoRoot, "scenarios/default"), "--out", cli, "--quiet"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(lib, "summary.json"), "utf8")).toBe(readFileSync(path.join(cli, "summary.json"), "utf8"));
    expect(readFileSync(path.join(lib, "regrets.csv"), "utf8")).toBe(readFileSync(path.join(cli, "regrets.csv"), "utf8"));
    const table = example.stdout.split("\n").filter((l) => l.startsWith("method ") || l.startsWith("Plain PM") || l.startsWith("Equitable PM"));
    expect(table).toHaveLength(5);
    for (const line of table) expect(run.stdout).toContain(line);
  }, 300_000);
});
