import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "./spec-fixtures.js";

// The loader's fixture plugins live in @equitable/scenario (see its spec-fixtures/README.md).
const fixture = (name: string) => path.join(repoRoot, "packages", "scenario", "src", "spec-fixtures", name);

// A child process each: the loader's resolve hooks and tsx's transform are what is under test, and vitest replaces both in process.
describe.concurrent("loading a plugin", () => {
  it("resolves a shipped package the CLI does not depend on (@equitable/agents-procurement)", async () => {
    const r = await runCli(["check", fixture("imports-procurement"), "--check", "identity", "--runs", "3"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("✓ cautious-procurement: identity (3 runs)\n");
  });

  it("reports the file and line a plugin threw at, and its stack under EQUITABLE_DEBUG=1", async () => {
    const spec = fixture("throws-on-load");
    const file = path.join(spec, "index.ts");
    const r = await runCli(["check", spec], repoRoot);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${spec}: plugin '${spec}' failed to load at ${file}:5:9: PROCUREMENT_API_KEY is not set\n`);
    const debug = await runCli(["check", spec], repoRoot, { EQUITABLE_DEBUG: "1" });
    expect(debug.status).toBe(2);
    const lines = debug.stderr.trim().split("\n");
    expect(lines[0]).toBe(r.stderr.trim());
    expect(lines[1]).toBe("Error: PROCUREMENT_API_KEY is not set");
    expect(lines[2]).toMatch(new RegExp(`^ {4}at settings \\(${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:5:9\\)$`));
  });

  it("reports the file, line and column of a syntax error, not esbuild's preamble", async () => {
    const dir = path.join(tempDir("syntax"), "plugin");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken-syntax", type: "module" }));
    writeFileSync(path.join(dir, "index.ts"), "export const agentKinds = [\n  { type: 'x', },,\n  ,\n;\n");
    const r = await runCli(["check", dir], repoRoot);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: .*: plugin '.*' failed to load at ${path.join(dir, "index.ts").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:4:0: Unexpected ";"\\n$`));
  });

  it("refuses a kind named like a built-in, suggesting a prefixed name", async () => {
    const spec = fixture("collides-with-builtin");
    const r = await runCli(["check", spec], repoRoot);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${spec}: plugin '${spec}' registers agent type 'procurement', which a built-in already has: rename it (its \`type\`), e.g. to 'collides-with-builtin-procurement', and use that name in scenarios\n`);
  });
});
