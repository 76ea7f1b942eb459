import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { datacenterKind } from "@equitable/agents-datacenter";
import { evKind } from "@equitable/agents-ev";
import { phoneKind } from "@equitable/agents-phone";
import { agentKindChecks, assertConformingKind, checkAgentKind, ConformanceError, type ConformanceCheck, type KindCheckResult } from "./index.js";
import {
  doubledRegret, emptyGroups, firstSlots, lateWindow, noCheck, readsAgentZero, shortXi, signedRegret,
} from "./broken-kinds.spec-helper.js";

await tf.setBackend("cpu");

const failedChecks = (results: readonly KindCheckResult[]): ConformanceCheck[] => results.filter((r) => r.failure).map((r) => r.check);
const failureOf = (results: readonly KindCheckResult[], check: ConformanceCheck) => results.find((r) => r.check === check)?.failure;

describe("checkAgentKind on the framework's own kinds", () => {
  it("runs the population and decision checks that apply to each", () => {
    expect(agentKindChecks(datacenterKind)).toEqual([
      "arbitraries", "identity", "shape", "finite", "non-negative", "zero-at-truth", "deterministic", "pure", "rows-independent",
      "own-context", "differentiable-api", "tensor-matches-float", "gradient", "no-tensor-leak", "feasible", "regret-matches-decisions",
    ]);
    for (const kind of [evKind, phoneKind]) {
      const checks = agentKindChecks(kind);
      expect(checks).toContain("fast-path-matches-ilp");
      expect(checks).not.toContain("gradient");
    }
  });

  it.each([datacenterKind, evKind, phoneKind])("passes $type", (kind) => {
    const results = checkAgentKind(kind, { seed: 3, numRuns: 40 });
    expect(failedChecks(results)).toEqual([]);
    expect(results.find((r) => r.check === "non-negative")?.runs).toBe(40);
  });

  it("gives the same verdict for the same seed, and reports each result as it finishes", () => {
    const seen: string[] = [];
    const first = checkAgentKind(firstSlots, { seed: 5, numRuns: 20, onResult: (r) => seen.push(r.check) });
    expect(seen).toEqual(first.map((r) => r.check));
    expect(checkAgentKind(firstSlots, { seed: 5, numRuns: 20 })).toEqual(first);
  });
});

// The kit is tested like its population checks: each broken kind must be caught by the property meant for it.
describe("checkAgentKind catches broken kinds", () => {
  it("a decision outside its window (feasible), with a readable shrunk case", () => {
    const results = checkAgentKind(lateWindow, { checks: ["feasible"] });
    const failure = failureOf(results, "feasible")!;
    expect(failure.message).toMatch(/^sample 0, agent late-window-0: the decision on the (forecast|truth), \[[01, ]+\], is infeasible: it charges/);
    expect(failure.counterexample[0]).toMatch(/^group: \{"type":"late-window","count":\d,/);
    expect(failure.counterexample).toContainEqual(expect.stringMatching(/^ {2}late-window-0: ξ \[/));
    expect(failure.path).toMatch(/^\d+(:\d+)*$/);
  });

  it("a fast path that is not the ILP's optimum (fast-path-matches-ilp)", () => {
    const failed = failedChecks(checkAgentKind(firstSlots, { numRuns: 40 }));
    expect(failed).toContain("fast-path-matches-ilp");
    expect(failed).not.toContain("feasible");
    expect(failureOf(checkAgentKind(firstSlots, { checks: ["fast-path-matches-ilp"] }), "fast-path-matches-ilp")!.message)
      .toMatch(/fast path's \[.*\] costs .* under the forecast, the ILP's \[.*\] costs/);
  });

  it("negative regrets (non-negative), and nothing else", () => {
    expect(failedChecks(checkAgentKind(signedRegret, { numRuns: 40 }))).toEqual(["non-negative"]);
  });

  it("an agent reading agent 0's ξ (own-context covers every agent, in few runs)", () => {
    const results = checkAgentKind(readsAgentZero, { numRuns: 10 });
    expect(failedChecks(results)).toEqual(["own-context"]);
    const failure = failureOf(results, "own-context")!;
    expect(failure.message).toMatch(/agent reads-agent-zero-1: regret moved .* when only agent reads-agent-zero-0's ξ changed/);
    expect(failure.counterexample.join("\n")).toContain("ξ′ (swapped in)");
  });

  it("regrets that are not the decisions' cost difference (regret-matches-decisions)", () => {
    expect(failedChecks(checkAgentKind(doubledRegret, { numRuns: 40 }))).toEqual(["regret-matches-decisions"]);
  });

  it("arbitraries that draw what the kind refuses, and stop the other checks", () => {
    const empty = checkAgentKind(emptyGroups);
    expect(empty.map((r) => r.check)).toEqual(["arbitraries"]);
    expect(empty[0].failure!.message).toMatch(/check.group drew a group the kind's fields refuse: count: /);
    expect(empty[0].failure!.counterexample[0]).toMatch(/"count":0/);
    expect(checkAgentKind(shortXi)[0].failure!.message).toMatch(/check.xi drew \[object Float64Array\] of 0 values for one sample, expected a Float64Array of 1 agents × xiWidth 1/);
  });

  it("says what a kind without `check` lacks", () => {
    const [result] = checkAgentKind(noCheck);
    expect(result.failure!.message).toMatch(/agent kind 'no-check' exports no `check`: add check: \{ group: Arbitrary<Group>, xi\(population, group\)/);
    expect(() => agentKindChecks(noCheck)).toThrow(/exports no `check`/);
  });

  it("replays a failure from its seed and path", () => {
    const [found] = checkAgentKind(lateWindow, { seed: 9, checks: ["feasible"] });
    const [again] = checkAgentKind(lateWindow, { seed: 9, checks: ["feasible"], path: found.failure!.path });
    expect(again.failure).toEqual({ ...found.failure, shrinks: 0 });
    expect(again.runs).toBe(1);
  });

  it("refuses checks that do not apply, and a path for several checks", () => {
    expect(() => checkAgentKind(evKind, { checks: ["gradient"] })).toThrow(/gradient does not apply to kind 'ev'/);
    expect(() => checkAgentKind(evKind, { path: "1:2" })).toThrow(/a path replays one check/);
  });

  it("assertConformingKind throws one error with each failure's case, seed and path", () => {
    expect(() => assertConformingKind(signedRegret, { numRuns: 20 })).toThrow(ConformanceError);
    expect(() => assertConformingKind(signedRegret, { numRuns: 20 })).toThrow(/\[non-negative\] sample \d, agent signed-regret-0: regret -[\s\S]*group: [\s\S]*seed 1, path "/);
    expect(() => assertConformingKind(phoneKind, { numRuns: 10 })).not.toThrow();
  });
});
