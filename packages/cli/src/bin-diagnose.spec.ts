import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir, tinyScenario } from "./spec-fixtures.js";

describe("equitable diagnose", () => {
  it("says data centres agree and procurement desks with spread critical ratios disagree, from measured regrets", async () => {
    const dir = tempDir("diagnose");
    const dc = path.join(dir, "dc.json");
    const desks = path.join(dir, "desks.json");
    writeFileSync(dc, JSON.stringify(tinyScenario({ data: { source: "synthetic", hours: 800 }, training: { epochs: 4, batchSize: 64, learningRate: 0.01 } })));
    writeFileSync(desks, JSON.stringify(tinyScenario({
      data: { source: "synthetic", hours: 800 }, training: { epochs: 4, batchSize: 64, learningRate: 0.01 },
      agents: [{ type: "procurement", count: 6, ratioMin: 0.2, ratioMax: 5 }],
    })));
    const [a, b] = await Promise.all([runInProcess(["diagnose", dc, "--quiet"], dir), runInProcess(["diagnose", desks, "--quiet"], dir)]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.stdout.trim().split("\n").at(-1)).toMatch(/^agents agree: .* costs them \d+\.\d\d % of regret, under 2 %/);
    expect(b.stdout.trim().split("\n").at(-1)).toMatch(/^agents disagree: a shared forecast costs them \d+\.\d\d % of regret/);
    expect(b.stdout).toContain("procurement-0-05");
  });

  it("run adds one line when the agents agree (data centres), none when they disagree (procurement desks)", async () => {
    const dir = tempDir("run-note");
    const dc = path.join(dir, "dc.json");
    const desks = path.join(dir, "desks.json");
    const training = { epochs: 3, batchSize: 64, learningRate: 0.01 };
    writeFileSync(dc, JSON.stringify(tinyScenario({ data: { source: "synthetic", hours: 800 }, training })));
    writeFileSync(desks, JSON.stringify(tinyScenario({ data: { source: "synthetic", hours: 800 }, training, agents: [{ type: "procurement", count: 6, ratioMin: 0.2, ratioMax: 5 }] })));
    const [a, b] = await Promise.all([
      runInProcess(["run", dc, "--out", path.join(dir, "a"), "--quiet"], dir),
      runInProcess(["run", desks, "--out", path.join(dir, "b"), "--quiet"], dir),
    ]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.stdout.split("\n").filter((l) => l.startsWith("Note: agents agree"))).toHaveLength(1);
    expect(b.stdout).not.toContain("Note:");
  });

  it("refuses a threshold outside (0, 1) on one line", async () => {
    const dir = tempDir("diagnose-bad");
    const file = path.join(dir, "s.json");
    writeFileSync(file, JSON.stringify(tinyScenario()));
    const r = await runInProcess(["diagnose", file, "--threshold", "2"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("error: --threshold: expected a number in (0, 1), got '2'");
  });
});
