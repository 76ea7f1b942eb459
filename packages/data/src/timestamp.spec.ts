import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { expectStep, timestampCell } from "./timestamp.js";

describe("timestampCell", () => {
  it("reads offsets and treats stamps without one as UTC", () => {
    expect(new Date(timestampCell("f", 2, "timestamp", "2022-01-05 10:00:00+00:00")).toISOString()).toBe("2022-01-05T10:00:00.000Z");
    expect(new Date(timestampCell("f", 2, "timestamp", "2022-01-05 10:00:00-02:00")).toISOString()).toBe("2022-01-05T12:00:00.000Z");
    expect(new Date(timestampCell("f", 2, "Time", "2019-01-01 11:30")).toISOString()).toBe("2019-01-01T11:30:00.000Z");
  });

  it("rejects text that is not a timestamp, naming file:line and column", () => {
    const call = () => timestampCell("a.csv", 7, "Time", "yesterday");
    expect(call).toThrow(InputError);
    expect(call).toThrow(/^a\.csv:7: column "Time"/);
  });
});

describe("expectStep", () => {
  it("accepts the exact step and rejects a gap", () => {
    const t0 = Date.UTC(2022, 0, 1);
    expect(() => expectStep("a.csv", 3, t0, t0 + 3_600_000, 60)).not.toThrow();
    expect(() => expectStep("a.csv", 3, t0, t0 + 7_200_000, 60)).toThrow(/^a\.csv:3: .*not 1 h after/);
  });
});
