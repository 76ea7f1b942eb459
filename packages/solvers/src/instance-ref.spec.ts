import { describe, expect, it } from "vitest";
import { describeInstance, whereIn } from "./instance-ref.js";

describe("describeInstance / whereIn", () => {
  it("names the agent, a numbered sample or a labelled instance", () => {
    expect(describeInstance({ agent: "ev-3", instance: 17 })).toBe("agent ev-3, sample 17");
    expect(describeInstance({ instance: "row 5, agent 2" })).toBe("row 5, agent 2");
    expect(describeInstance({ agent: "dc-1" })).toBe("agent dc-1");
    expect(describeInstance({ instance: 0 })).toBe("sample 0");
    expect(describeInstance({})).toBe("");
    expect(describeInstance(undefined)).toBe("");
    expect(whereIn({ agent: "ev-3", instance: 17 }, "costs[4]")).toBe("agent ev-3, sample 17, costs[4]");
    expect(whereIn(undefined, "costs[4]")).toBe("costs[4]");
  });
});
