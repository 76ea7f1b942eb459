import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir, tinyScenario } from "./spec-fixtures.js";

const example = path.join(repoRoot, "examples", "storage-agents");
const linearModel = path.join(repoRoot, "examples", "linear-model");
const smoothMax = path.join(repoRoot, "packages", "cli", "src", "spec-fixtures", "smooth-max-method.ts");

/** Table rows of a run's stdout (after the rule line). */
function tableRows(stdout: string): string[] {
  const lines = stdout.split("\n");
  const rule = lines.findIndex((l) => /^-+( +-+)+$/.test(l));
  return lines.slice(rule + 1).filter((l) => l.trim() !== "" && !l.startsWith("Wrote") && !l.startsWith("Note:"));
}

describe("plugins named by a scenario", () => {
  it("the example package outside the workspace trains Plain and Equitable PM from its scenario, with one tfjs", async () => {
    const out = tempDir("example");
    const r = await runCli(["run", path.join(example, "scenario.json"), "--out", out, "--quiet"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(tableRows(r.stdout).map((l) => l.split(/\s{2,}/)[0])).toEqual(["Plain PM", "Equitable PM", "Equitable PM"]);
    const regrets = readFileSync(path.join(out, "regrets.csv"), "utf8");
    expect(regrets).toContain("storage-0-00,plain,");
    expect(regrets).toContain("datacenter-1-03,equitable,2,");
    const run = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(run.scenario.plugins).toEqual([example]);
  });

  it("a model kind from a plugin package trains from its scenario, and evaluate rebuilds the saved model through it", async () => {
    const out = tempDir("linear-model");
    const r = await runCli(["run", path.join(linearModel, "scenario.json"), "--out", out, "--quiet"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(tableRows(r.stdout).map((l) => l.split(/\s{2,}/)[0])).toEqual(["Plain PM", "Equitable PM"]);
    const run = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(run.scenario.model).toEqual({ kind: "linear", softplus: true });
    const manifest = JSON.parse(readFileSync(path.join(out, "models", "plain", "model.json"), "utf8"));
    expect(manifest.spec).toEqual({ kind: "linear", window: 12, horizon: 1, softplus: true });
    expect(manifest.weights.map((w: { name: string }) => w.name)).toEqual(["linear/w", "linear/b"]);
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    const again = await runCli(["evaluate", path.join(out, "models", "plain"), "--json"], repoRoot);
    expect(again.stderr).toBe("");
    expect(JSON.parse(again.stdout).variance).toBe(summary[0].variance);
  });

  it("an unknown model kind names model.kind, the registered kinds and the plugins loaded", async () => {
    const dir = tempDir("unknown-model");
    const file = path.join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(tinyScenario({ plugins: [linearModel], model: { kind: "gru" } })));
    const r = await runCli(["run", file, "--out", path.join(dir, "out"), "--quiet"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^error: .*scenario\.json: model\.kind: unknown model kind 'gru' \(known: lstm, mlp, transformer, linear; plugins loaded: .*linear-model\)$/,
    );
  });

  it("the example package passes equitable check on every check its kind supports", async () => {
    const r = await runCli(["check", example], repoRoot);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) expect(line).toMatch(/^✓ storage: [a-z-]+ \(\d+ runs\)$/);
    for (const check of ["non-negative", "own-context", "gradient", "tensor-matches-float", "no-tensor-leak"]) {
      expect(lines.some((l) => l.startsWith(`✓ storage: ${check} `))).toBe(true);
    }
  });

  it("a training method from a plugin trains and prints under its own label", async () => {
    const dir = tempDir("method");
    const file = path.join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(tinyScenario({ plugins: [smoothMax], methods: ["plain", "smooth-max"], methodOptions: { "smooth-max": { temperature: 0.1 } } })));
    const r = await runCli(["run", file, "--out", path.join(dir, "out"), "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(tableRows(r.stdout).map((l) => l.split(/\s{2,}/)[0])).toEqual(["Plain PM", "Smooth-max PM"]);
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.map((row: { method: string }) => row.method)).toEqual(["plain", "smooth-max"]);
    // The model saved its objective: evaluate reloads the plugin from the saved scenario and agrees.
    const again = await runCli(["evaluate", path.join(dir, "out", "models", "smooth-max"), "--json"], dir);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).variance).toBe(summary[1].variance);
  });

  it("an unknown agent type lists the known types and the plugins loaded", async () => {
    const dir = tempDir("unknown");
    const file = path.join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(tinyScenario({ plugins: [example], agents: [{ type: "windmill", count: 2 }] })));
    const r = await runCli(["run", file, "--quiet"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: ${file}: agents[0].type: unknown agent type 'windmill' (known: datacenter, ev, ev-offsets, phone, procurement, storage; plugins loaded: ${example})`,
    );
  });

  it("a plugin that cannot be found, or exports nothing, names plugins[i] on one line", async () => {
    const dir = tempDir("missing");
    const file = path.join(dir, "scenario.json");
    writeFileSync(path.join(dir, "empty.ts"), "export const nothing = 1;\n");
    writeFileSync(file, JSON.stringify(tinyScenario({ plugins: ["./empty.ts", "./nowhere"] })));
    const r = await runCli(["run", file, "--quiet"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: plugins\[0\]: plugin '\.\/empty\.ts' \(.*empty\.ts\) exports no agentKinds, trainingMethods, modelKinds or responseModels$/);
    writeFileSync(file, JSON.stringify(tinyScenario({ plugins: ["./nowhere"] })));
    const missing = await runCli(["run", file, "--quiet"], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error: plugins\[0\]: cannot find plugin '\.\/nowhere' \(paths are relative to /);
  });
});
