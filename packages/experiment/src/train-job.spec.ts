import { describe, expect, it } from "vitest";
import { selectBackend } from "@equitable/model";
import { buildWorld, parseScenario } from "@equitable/scenario";
import { equitableJob } from "./plan-jobs.js";
import { trainJob } from "./train-job.js";
import { tinyScenario } from "./spec-fixtures.js";

// Equitable PMs of one run share their batch order (and policy-gradient draws), so rows of the
// table differ by their objective alone, not by which shuffle each happened to get.
describe("trainJob", () => {
  it("draws an Equitable PM's batches from the run's seed and the method, not the job's label", async () => {
    await selectBackend("cpu");
    const scenario = parseScenario(tinyScenario({ training: { epochs: 2, batchSize: 16 } }));
    const world = buildWorld(scenario, { seed: scenario.seed });
    const job = equitableJob(1, 0, "norm");
    const a = await trainJob(scenario, world, job, scenario.seed);
    const b = await trainJob(scenario, world, { ...job, label: "renamed" }, scenario.seed);
    const otherSeed = await trainJob(scenario, world, job, scenario.seed + 1);
    try {
      expect(Array.from(b.evaluation.agentMeanRegrets)).toEqual(Array.from(a.evaluation.agentMeanRegrets));
      expect(b.lossPerEpoch).toEqual(a.lossPerEpoch);
      expect(otherSeed.lossPerEpoch).not.toEqual(a.lossPerEpoch);
    } finally {
      for (const t of [a, b, otherSeed]) t.model.dispose();
      world.dispose();
    }
  });
});
