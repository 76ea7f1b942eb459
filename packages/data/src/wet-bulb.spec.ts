import { describe, expect, it } from "vitest";
import { stullWetBulb } from "./wet-bulb.js";

describe("stullWetBulb", () => {
  it("reproduces Stull's (2011) worked example: 20 °C at 50 % RH gives 13.7 °C", () => {
    expect(stullWetBulb(20, 50)).toBeCloseTo(13.7, 1);
  });

  it("falls further below the dry bulb as the air dries", () => {
    const wet = [90, 60, 30, 10].map((rh) => stullWetBulb(25, rh));
    for (let i = 1; i < wet.length; i++) expect(wet[i]).toBeLessThan(wet[i - 1]);
    expect(25 - wet[0]).toBeLessThan(1.5);
  });
});
