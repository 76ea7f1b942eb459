import { describe, expect, it } from "vitest";
import { parseScenario } from "@equitable/scenario";
import { applyOverrides, integer, type CommonOptions } from "./options.js";
import { inputError, tinyScenario } from "./spec-fixtures.js";

const scenario = parseScenario(tinyScenario(), "tiny.json");
const opts = (extra: Partial<CommonOptions>): CommonOptions => ({ backend: "cpu", ...extra });

describe("applyOverrides", () => {
  it("leaves the scenario alone without flags", () => {
    expect(applyOverrides(scenario, opts({}))).toEqual(scenario);
  });

  it("applies --seed, --epochs, --methods, --q and --beta", () => {
    const s = applyOverrides(scenario, opts({ seed: "11", epochs: "4", methods: "equitable", q: "0, 2,9", beta: "0.25" }));
    expect(s.seed).toBe(11);
    expect(s.training.epochs).toBe(4);
    expect(s.training.batchSize).toBe(64);
    expect(s.methods).toEqual(["equitable"]);
    expect(s.q).toEqual([0, 2, 9]);
    expect(s.beta).toBe(0.25);
    expect(scenario.training.epochs).toBe(2); // the input is not modified
  });

  it("re-validates: --q -1 fails like a file would, naming q[0]", () => {
    expect(inputError(() => applyOverrides(scenario, opts({ q: "-1" }))).where).toBe("command line: q[0]");
    expect(inputError(() => applyOverrides(scenario, opts({ q: "1,-3" }))).where).toBe("command line: q[1]");
    expect(inputError(() => applyOverrides(scenario, opts({ beta: "2" }))).where).toBe("command line: beta");
    expect(inputError(() => applyOverrides(scenario, opts({ methods: "plain,fancy" }))).where).toBe("command line: methods[1]");
  });

  it("names the flag for values that are not numbers", () => {
    expect(inputError(() => applyOverrides(scenario, opts({ q: "1,x" }))).where).toBe("--q");
    expect(inputError(() => applyOverrides(scenario, opts({ q: "1,," }))).where).toBe("--q");
    expect(inputError(() => applyOverrides(scenario, opts({ beta: "0.5,0.7" }))).where).toBe("--beta");
    expect(inputError(() => applyOverrides(scenario, opts({ seed: "1.5" }))).where).toBe("--seed");
    expect(inputError(() => applyOverrides(scenario, opts({ epochs: "0" }))).where).toBe("--epochs");
  });
});

describe("integer", () => {
  it("accepts integers ≥ min and names the flag otherwise", () => {
    expect(integer("--n", "3", 1)).toBe(3);
    expect(inputError(() => integer("--n", "0", 1)).message).toContain("'0'");
    expect(inputError(() => integer("--n", "abc", 0)).where).toBe("--n");
  });
});

describe("integer with a limit", () => {
  it("reads exponent forms as the number they are, then bounds it, naming the flag and the limit", () => {
    const max = { limit: 8, why: "test" };
    expect(integer("--n", "8", 1, max)).toBe(8);
    expect(integer("--n", "8e0", 1, max)).toBe(8);
    expect(inputError(() => integer("--n", "1e6", 1, max)).message).toContain("1e6 (1000000) exceeds the limit of 8 (test)");
    expect(inputError(() => integer("--n", "9", 1, max)).message).toContain("9 exceeds the limit of 8");
    // Past 2^53 no integer is exact: refused as not an integer, with or without a limit.
    expect(inputError(() => integer("--n", "1e300", 1)).where).toBe("--n");
    expect(inputError(() => integer("--n", " ", 0)).where).toBe("--n");
  });
});
