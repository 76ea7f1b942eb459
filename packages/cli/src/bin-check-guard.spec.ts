import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { repoRoot, runCli, tempDir, writeText } from "./spec-fixtures.js";

// A conforming methods-only plugin, re-exported by the misbehaving ones below.
const goodMethod = pathToFileURL(path.join(repoRoot, "packages/cli/src/spec-fixtures/good-method/index.ts")).href;

/** A plug-in in a fresh directory: `body` around a re-export of the conforming method. */
function plugin(name: string, body: string): string {
  const dir = tempDir(`check-${name}`);
  return writeText(dir, "index.mjs", `export { trainingMethods } from ${JSON.stringify(goodMethod)};\n${body}\n`);
}

// Real processes: what is checked is that the `equitable` process itself ends, and how.
describe("equitable check with a plug-in that holds, hangs or ends the process", () => {
  it("a plug-in that leaves a timer open: the report, exit 0, and the process ends", async () => {
    const spec = plugin("open-timer", "setInterval(() => {}, 60_000);");
    const started = Date.now();
    const r = await runCli(["check", spec, "--check", "deterministic", "--runs", "3"], repoRoot);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✓ method mean-power: deterministic \(3 runs\)\n$/);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 40_000);

  it("a plug-in whose top-level await never settles: one line naming it and --timeout, exit 2", async () => {
    const spec = plugin("never", "await new Promise(() => setInterval(() => {}, 60_000));");
    const r = await runCli(["check", spec, "--timeout", "2"], repoRoot);
    expectOneLineError(r, spec, "within 2 s", "--timeout");
    expect(r.stdout).toBe("");
  }, 40_000);

  it("a plug-in that calls process.exit(0) at import: a failure in one line, never a silent exit 0", async () => {
    const spec = plugin("exits", "process.exit(0);");
    const r = await runCli(["check", spec], repoRoot);
    expectOneLineError(r, spec, "process.exit(0)");
  }, 40_000);

  it("a method that calls process.exit while checked fails that check (exit 1), never a silent exit 0", async () => {
    const dir = tempDir("check-exits-in-check");
    const spec = writeText(dir, "index.mjs", `import { meanPowerMethod } from ${JSON.stringify(goodMethod)};
const m = meanPowerMethod("exits-in-value");
export const trainingMethods = [{ ...m, value: () => process.exit(0) }];\n`);
    const r = await runCli(["check", spec, "--check", "deterministic", "--runs", "3"], repoRoot);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^✗ method exits-in-value: deterministic/);
    expect(r.stdout).toContain("process.exit(0)");
  }, 40_000);

  it("--timeout is an integer of seconds up to a day", async () => {
    const spec = plugin("flag", "");
    expectOneLineError(await runCli(["check", spec, "--timeout", "1e9"], repoRoot), "--timeout", "limit of 86400");
  }, 40_000);
});
