import { describe, expect, it } from "vitest";
import { parseScenario } from "@equitable/scenario";
import { equitableJob, jobsFor } from "./job.js";
import { tinyScenario } from "./spec-fixtures.js";

describe("jobsFor", () => {
  it("trains Plain PM once and Equitable PM for each q, labelled by q + 1", () => {
    const jobs = jobsFor(parseScenario(tinyScenario({ q: [0, 2, 9] })));
    expect(jobs.map((j) => j.label)).toEqual(["plain", "equitable-q+1=1", "equitable-q+1=3", "equitable-q+1=10"]);
    expect(jobs[2].objective).toEqual({ method: "equitable", q: 2, beta: 0, form: "norm" });
  });

  it("follows methods and puts β in the label when it is used", () => {
    expect(jobsFor(parseScenario(tinyScenario({ methods: ["plain"] }))).map((j) => j.label)).toEqual(["plain"]);
    const jobs = jobsFor(parseScenario(tinyScenario({ methods: ["equitable"], q: [1], beta: 0.5, lossForm: "power" })));
    expect(jobs).toEqual([{ objective: { method: "equitable", q: 1, beta: 0.5, form: "power" }, label: "equitable-q+1=2-beta=0.5" }]);
    expect(equitableJob(0, 0, "norm").label).toBe("equitable-q+1=1");
  });
});
