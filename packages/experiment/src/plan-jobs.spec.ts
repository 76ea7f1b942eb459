import { describe, expect, it } from "vitest";
import { parseScenario } from "@equitable/scenario";
import { equitableJob, planJobs } from "./plan-jobs.js";
import { tinyScenario } from "./spec-fixtures.js";

describe("planJobs", () => {
  it("trains Plain PM once and Equitable PM for each q, labelled by q + 1", () => {
    const jobs = planJobs(parseScenario(tinyScenario({ q: [0, 2, 9] })));
    expect(jobs.map((j) => j.label)).toEqual(["plain", "equitable-q+1=1", "equitable-q+1=3", "equitable-q+1=10"]);
    expect(jobs[2].objective).toEqual({ method: "equitable", q: 2, beta: 0, form: "norm" });
    expect(jobs[2].params).toEqual({ q: 2, beta: 0, form: "norm" });
  });

  it("follows methods and puts β in the label when it is used", () => {
    expect(planJobs(parseScenario(tinyScenario({ methods: ["plain"] }))).map((j) => j.label)).toEqual(["plain"]);
    const jobs = planJobs(parseScenario(tinyScenario({ methods: ["equitable"], q: [1], beta: 0.5, lossForm: "power" })));
    expect(jobs.map((j) => [j.objective, j.label])).toEqual([[{ method: "equitable", q: 1, beta: 0.5, form: "power" }, "equitable-q+1=2-beta=0.5"]]);
    expect(equitableJob(0, 0, "norm").label).toBe("equitable-q+1=1");
  });

  it("plans the baseline first whatever the listed order, and names it as the warm start of every regret-based job", () => {
    const jobs = planJobs(parseScenario(tinyScenario({ methods: ["equitable", "cvar", "plain"], q: [1], training: { epochs: 2, batchSize: 64, warmStart: true } })));
    expect(jobs.map((j) => [j.label, j.baseline, j.warmStartFrom])).toEqual([
      ["plain", true, null], ["equitable-q+1=2", false, "plain"], ["cvar-alpha=0.2", false, "plain"],
    ]);
    // Common random numbers: one method's jobs share a batch order, whatever their labels.
    expect(jobs[1].forks).toEqual({ init: "init", shuffle: "shuffle/equitable" });
    const cold = planJobs(parseScenario(tinyScenario({ methods: ["plain", "equitable"], q: [1], training: { epochs: 2, batchSize: 64, warmStart: false } })));
    expect(cold.map((j) => j.warmStartFrom)).toEqual([null, null]);
  });

  it("is serialisable: a sweep worker receives the plan as JSON and trains it as it is", () => {
    const jobs = planJobs(parseScenario(tinyScenario({ methods: ["plain", "irwo"], methodOptions: { irwo: { distance: "euclidean" } } })));
    expect(JSON.parse(JSON.stringify(jobs))).toEqual(jobs);
    expect(jobs[1].params).toMatchObject({ distance: "euclidean" });
  });
});
