import { describe, expect, it } from "vitest";
import { registerDefaultBackends } from "./default-backends.js";
import { FAST_BACKEND, LP_BACKEND } from "./kind-backends.js";
import { solversFor } from "./solver-registry.js";

describe("registerDefaultBackends", () => {
  it("registers fast (2) over javascript-lp-solver (1) for both kinds, once however often it is called", () => {
    registerDefaultBackends();
    registerDefaultBackends();
    for (const kind of ["k-cheapest", "single-sum"] as const) {
      expect(solversFor(kind).map((b) => [b.name, b.priority])).toEqual([
        [FAST_BACKEND, 2],
        [LP_BACKEND, 1],
      ]);
    }
  });

  it("happens when the package is imported", async () => {
    const { solve } = await import("./index.js");
    expect(Array.from(solve({ kind: "single-sum", costs: [2, 1], upper: [1, 1], total: 1.5 }))).toEqual([0.5, 1]);
  });
});
