import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir, tinyScenario } from "./spec-fixtures.js";

const warm = (extra: Record<string, unknown> = {}) =>
  tinyScenario({ training: { epochs: 2, batchSize: 64, warmStart: true, equitableLearningRate: 0.01, ...extra }, q: [2] });

describe("replicated runs and a fair baseline", () => {
  it("--seeds trains every model once per seed: per-seed rows in summary.json, mean ± CI in the table", async () => {
    const dir = tempDir("seeds");
    const file = path.join(dir, "s.json");
    writeFileSync(file, JSON.stringify(warm()));
    const r = await runInProcess(["run", file, "--seeds", "4,5,6", "--out", path.join(dir, "out"), "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8")) as { method: string; seed: number }[];
    expect(summary.map((row) => `${row.method}@${row.seed}`)).toEqual(["plain@4", "equitable@4", "plain@5", "equitable@5", "plain@6", "equitable@6"]);
    const table = r.stdout.split("\n").filter((l) => l.startsWith("Plain PM") || l.startsWith("Equitable PM"));
    expect(table).toHaveLength(2);
    for (const line of table) expect(line).toMatch(/\s3\s+\d\.\d{4} ± \d\.\d{4}/);
    expect(readFileSync(path.join(dir, "out", "regrets.csv"), "utf8").split("\n")[0]).toBe("agent,method,q,seed,mean_regret,job,params");
    // Each seed's rows are what a run with that one seed gives (one explicit seed per replication).
    const alone = await runInProcess(["run", file, "--seed", "5", "--out", path.join(dir, "alone"), "--quiet"], dir);
    expect(alone.status).toBe(0);
    const single = JSON.parse(readFileSync(path.join(dir, "alone", "summary.json"), "utf8"));
    expect(summary.slice(2, 4)).toEqual(single);
  });

  it("an empty --seeds names the flag on one line", async () => {
    const dir = tempDir("seeds-empty");
    const file = path.join(dir, "s.json");
    writeFileSync(file, JSON.stringify(warm()));
    const r = await runInProcess(["run", file, "--seeds", ","], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("error: --seeds: lists no seeds: give a comma list such as 1,2,3,4,5");
  });

  it("plainBudget equal: Plain PM trains 2·epochs, and the Equitable PM fine-tunes from its state after epochs, as before", async () => {
    const dir = tempDir("budget");
    const equal = path.join(dir, "equal.json");
    const short = path.join(dir, "short.json");
    writeFileSync(equal, JSON.stringify(warm()));
    writeFileSync(short, JSON.stringify(warm({ plainBudget: "epochs" })));
    const [a, b] = await Promise.all([
      runInProcess(["run", equal, "--out", path.join(dir, "a"), "--quiet"], dir),
      runInProcess(["run", short, "--out", path.join(dir, "b"), "--quiet"], dir),
    ]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const rowsA = JSON.parse(readFileSync(path.join(dir, "a", "summary.json"), "utf8"));
    const rowsB = JSON.parse(readFileSync(path.join(dir, "b", "summary.json"), "utf8"));
    expect(rowsA.map((r: { epochs: number }) => r.epochs)).toEqual([4, 4]);
    expect(rowsB.map((r: { epochs: number }) => r.epochs)).toEqual([2, 4]);
    expect(rowsA[1]).toEqual(rowsB[1]);
    expect(rowsA[0].mse).not.toBe(rowsB[0].mse);
    expect(a.stdout).toMatch(/epochs +job\n/);
  });

  it("plainBudget fine-tune: Plain PM fine-tunes itself on MSE, at equitableLearningRate, from the warm start the Equitable PM fine-tunes from", async () => {
    const dir = tempDir("budget-fine-tune");
    const files = { tune: warm({ plainBudget: "fine-tune" }), faster: warm({ plainBudget: "fine-tune", equitableLearningRate: 0.03 }), equal: warm() };
    const rows = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([name, scenario]) => {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      const r = await runInProcess(["run", file, "--out", path.join(dir, name), "--quiet"], dir);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      return [name, JSON.parse(readFileSync(path.join(dir, name, "summary.json"), "utf8"))];
    })));
    // Both budgets hand the Equitable PM Plain PM's state after `epochs`, so its row is the same.
    expect(rows.tune.map((r: { epochs: number }) => r.epochs)).toEqual([4, 4]);
    expect(rows.tune[1]).toEqual(rows.equal[1]);
    // Plain PM's last epochs ran on the fine-tunes' learning rate, not on at learningRate.
    expect(rows.tune[0].mse).not.toBe(rows.equal[0].mse);
    expect(rows.faster[0].mse).not.toBe(rows.tune[0].mse);
  });
});
