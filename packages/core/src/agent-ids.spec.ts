import { describe, expect, it } from "vitest";
import { agentIds } from "./agent-ids.js";

describe("agentIds", () => {
  it("defaults to <kind>-j, frozen", () => {
    const ids = agentIds("X", "ev", 3, undefined);
    expect(ids).toEqual(["ev-0", "ev-1", "ev-2"]);
    expect(Object.isFrozen(ids)).toBe(true);
  });

  it("copies the caller's ids, so later changes to their array do not leak in", () => {
    const given = ["a", "b"];
    const ids = agentIds("X", "ev", 2, given);
    given[0] = "z";
    expect(ids).toEqual(["a", "b"]);
  });

  it("refuses a count that does not match, naming the owner and what M counts", () => {
    expect(() => agentIds("DatacenterPopulation", "datacenter", 3, ["a"], "lambdas")).toThrow("DatacenterPopulation: 1 ids for 3 lambdas");
    expect(() => agentIds("EvPopulation", "ev", 2, ["a", "b", "c"])).toThrow("EvPopulation: 3 ids for 2 agents");
  });
});
