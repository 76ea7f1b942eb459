import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { lambdasFor } from "./lambdas-for.js";

describe("lambdasFor (Eq. 12 λ settings)", () => {
  it("same: every agent gets 2 (or the given value)", () => {
    expect(Array.from(lambdasFor("same", 50))).toEqual(new Array(50).fill(2));
    expect(Array.from(lambdasFor("same", 3, 5))).toEqual([5, 5, 5]);
  });

  it("different: 2, 4, …, 2M", () => {
    const l = lambdasFor("different", 50);
    expect(l.length).toBe(50);
    expect(l[0]).toBe(2);
    expect(l[49]).toBe(100);
    expect(Array.from(l)).toEqual(Array.from({ length: 50 }, (_, j) => 2 * (j + 1)));
  });

  it("rejects bad input", () => {
    expect(() => lambdasFor("same", 0)).toThrow(InputError);
    expect(() => lambdasFor("same", 2.5)).toThrow(InputError);
    expect(() => lambdasFor("same", 3, 0)).toThrow(InputError);
    expect(() => lambdasFor("other" as "same", 3)).toThrow(InputError);
  });
});
