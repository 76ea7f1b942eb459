import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { CellSpec } from "./cell.js";
import type { Sweep } from "./load-sweep.js";
import { ResultsDb } from "./results-db.js";
import { runSweepLocally } from "./run-sweep.js";
import type { SweepProgressEvent } from "./sweep-progress.js";

const cell = (label: string, seed: number): CellSpec => ({
  key: `${label}${seed}`, id: `${label}${seed}`, index: seed, scenarioRef: "s", scenarioName: "s", scenarioFile: "/s.json", scenario: {},
  objective: { method: "plain" }, method: "plain", label, q: null, beta: null, seed, epochs: 1, params: {},
  jobs: [], methodParams: {},
});

describe("runSweepLocally's progress", () => {
  it("is events for the host to draw: a start, then each cell as it settles with the cells done / total; nothing on the terminal", async () => {
    const sweep = { file: "s.json", config: { name: "s", params: {} }, cells: [cell("ok", 1), cell("refused", 2), cell("broken", 3), cell("ok", 4)] } as unknown as Sweep;
    const db = ResultsDb.open(path.join(mkdtempSync(path.join(tmpdir(), "equitable-progress-")), "r.db"));
    const stderr = vi.spyOn(process.stderr, "write");
    try {
      const run = async () => {
        const events: SweepProgressEvent[] = [];
        const outcome = await runSweepLocally(sweep, {
          db, workers: 2, entry: new URL("./spec-fixtures/pool-entry.ts", import.meta.url), context: { backend: "cpu" }, codeVersion: "v", onProgress: (e) => events.push(e),
        });
        return { outcome, events };
      };
      const first = await run();
      expect(first.outcome).toEqual({ ran: 2, failed: 1, leftPending: 1, skipped: 0, total: 4 });
      expect(first.events[0]).toEqual({ type: "start", total: 4, done: 0 });
      const cells = first.events.slice(1) as Extract<SweepProgressEvent, { type: "cell" }>[];
      expect(cells.map((e) => [e.type, e.done, e.total])).toEqual([1, 2, 3, 4].map((n) => ["cell", n, 4]));
      expect(Object.fromEntries(cells.map((e) => [e.cell.id, e.status]))).toEqual({ ok1: "done", refused2: "failed", broken3: "pending", ok4: "done" });
      expect(cells.find((e) => e.cell.id === "refused2")?.note).toBe("failed (training: diverged at epoch 1)");
      // A rerun: three cells finished before it, the pending one runs (and breaks again).
      const again = await run();
      expect(again.events.map((e) => (e.type === "cell" ? [e.type, e.cell.id, e.done] : e.type === "start" ? [e.type, e.done] : [e.type]))).toEqual([["start", 3], ["cell", "broken3", 4]]);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      db.close();
    }
  });
});
