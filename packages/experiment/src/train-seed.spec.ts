import { lastValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "@equitable/model";
import { buildWorld, parseScenario } from "@equitable/scenario";
import { planJobs } from "./plan-jobs.js";
import { tinyScenario } from "./spec-fixtures.js";
import { trainSeed, type TrainedSeedJob } from "./train-seed.js";

describe("trainSeed", () => {
  it("emits each job's start, its trainer events, its end and its result row in plan order; fine-tunes start from the baseline", async () => {
    await selectBackend("cpu");
    const scenario = parseScenario(tinyScenario({ q: [2], training: { epochs: 2, batchSize: 64, warmStart: true, plainBudget: "equal", equitableLearningRate: 0.01 } }));
    const world = buildWorld(scenario, { seed: scenario.seed });
    const done: TrainedSeedJob[] = [];
    try {
      const events = await lastValueFrom(trainSeed(world, planJobs(scenario), { scenario, each: async (d) => void done.push(d) }).pipe(toArray()));
      const kinds = events.filter((e) => e.type !== "training").map((e) => `${e.type}:${"label" in e ? e.label : e.type === "result" ? e.row.label : ""}`);
      expect(kinds).toEqual(["job-start:plain", "job-trained:plain", "result:plain", "job-start:equitable-q+1=3", "job-trained:equitable-q+1=3", "result:equitable-q+1=3"]);
      // Plain PM trains 2·epochs under the equal budget, epoch events included.
      expect(events.filter((e) => e.type === "training" && e.label === "plain" && e.event.type === "epoch")).toHaveLength(4);
      expect(done.map((d) => [d.job.label, d.warmStartFrom, d.row.epochs])).toEqual([["plain", null, 4], ["equitable-q+1=3", "plain", 4]]);
      const rows = events.flatMap((e) => (e.type === "result" ? [e.row] : []));
      expect(rows).toEqual(done.map((d) => d.row));
    } finally {
      world.dispose();
    }
  });
});
