import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { loadSweep } from "./load-sweep.js";

const scenario = {
  name: "tiny",
  seed: 3,
  data: { source: "synthetic", hours: 300 },
  agents: [{ type: "datacenter", count: 5, lambda: "different", demand: "different", perturbed: 2 }],
  model: { kind: "mlp", hidden: 8 },
  training: { epochs: 2, batchSize: 64, warmStart: true },
};

function write(sweep: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "equitable-sweep-"));
  writeFileSync(path.join(dir, "tiny.json"), JSON.stringify(scenario));
  const file = path.join(dir, "sweep.json");
  writeFileSync(file, JSON.stringify({ name: "s", scenario: "tiny.json", ...sweep }));
  return file;
}

describe("loadSweep", () => {
  it("expands scenario × params × seeds × epochs × methods × q × β, Plain PM once per seed whatever q and β say", async () => {
    const sweep = await loadSweep(write({ q: [0, 2], beta: [0, 0.5], seeds: [1, 2], epochs: [2, 3], params: { "agents[0].count": [4, 6] } }));
    // 2 counts × 2 seeds × 2 epochs × (1 Plain + 2 q × 2 β).
    expect(sweep.cells).toHaveLength(2 * 2 * 2 * 5);
    expect(new Set(sweep.cells.map((c) => c.key)).size).toBe(sweep.cells.length);
    const first = sweep.cells.slice(0, 5);
    expect(first.map((c) => [c.method, c.q, c.beta])).toEqual([["plain", null, null], ["equitable", 0, 0], ["equitable", 0, 0.5], ["equitable", 2, 0], ["equitable", 2, 0.5]]);
    const c = sweep.cells[3];
    expect(c.params).toEqual({ "agents[0].count": 4 });
    // The cell's scenario is what `run --seed 1 --epochs 2 --q 2 --beta 0` gets: Plain PM first under the warm start.
    expect(c.scenario).toMatchObject({ seed: 1, q: [2], beta: 0, methods: ["plain", "equitable"], training: { epochs: 2 } });
    expect((c.scenario.agents as { count: number }[])[0].count).toBe(4);
    expect(sweep.cells[0].scenario.methods).toEqual(["plain"]);
  });

  it("lists left off take the scenario's own values", async () => {
    const sweep = await loadSweep(write({}));
    expect(sweep.cells.map((c) => [c.label, c.seed, c.epochs])).toEqual([["plain", 3, 2], ["equitable-q+1=1", 3, 2]]);
  });

  it.each([
    [{ params: { "training.epochz": [3] } }, "training.epochz"],
    [{ params: { "agents.2.count": [3] } }, "params.agents.2.count"],
    [{ seeds: [] }, "seeds"],
    [{ scenario: "missing.json" }, "missing.json"],
    [{ q: [-1] }, "q"],
    [{ learningRate: [0.1] }, "learningRate"],
    [{ params: { "training.learningRate": [] } }, "training.learningRate"],
    [{ methods: ["plain", "fancy"] }, "fancy"],
    [{ params: { "model.hidden": [-1] } }, "model.hidden"],
  ])("refuses %j naming %s", async (sweep, field) => {
    const error = await loadSweep(write(sweep)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(field);
  });
});
