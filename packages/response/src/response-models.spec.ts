import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCarbonIntensity, loadTotalGeneration, minMaxScale } from "@equitable/data";
import { checkResponseModel, assertConformingResponse } from "@equitable/testkit";
import type { Response, ResponseBuildContext, ResponseModel } from "@equitable/core";
import { z } from "zod";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { fitMeritOrderSlope } from "./fit-merit-order.js";
import { linearShift } from "./linear-shift.js";
import { meritOrder } from "./merit-order.js";

const baseline = Float64Array.from({ length: 96 }, (_, t) => 5 + 3 * Math.sin((2 * Math.PI * t) / 24));
const synthetic: ResponseBuildContext = { baseline, source: "synthetic", dataFile: () => { throw new Error("no files here"); } };

describe("built-in response models", () => {
  it("linear-shift: y = y₀ + ε·(load − reference), and conforms", () => {
    const r = linearShift.build(linearShift.fields.parse({ epsilon: 0.5, reference: 2 }) as never, synthetic);
    expect(r.realise(3, 5, 6)).toBe(7);
    expect(r.realise(3, 5, 2)).toBe(5);
    assertConformingResponse(linearShift, { epsilon: -0.7, reference: 1 }, synthetic);
  });

  it("merit-order with a given slope: linear in the load at shape 1, steeper at busier hours with shape > 1, and conforms", () => {
    const linear = meritOrder.build(meritOrder.fields.parse({ slope: 0.01, loadScale: 10 }) as never, synthetic);
    expect(linear.realise(5, 4, 3)).toBeCloseTo(4 + 0.01 * 10 * 3, 12);
    assertConformingResponse(meritOrder, { slope: 0.01, shape: 2 }, synthetic);
    // Synthetic worlds have a flat system load, so the shape has nothing to bend: the slope holds at every hour.
    const convex = meritOrder.build(meritOrder.fields.parse({ slope: 0.01, shape: 2 }) as never, synthetic);
    expect(convex.realise(5, 4, 1) - 4).toBeCloseTo(convex.realise(17, 4, 1) - 4, 12);
  });

  it("merit-order needs a slope without real data: an InputError naming feedback.slope", () => {
    expect(() => meritOrder.build(meritOrder.fields.parse({}) as never, synthetic)).toThrow(/^feedback\.slope: merit-order needs a slope/);
  });

  it("fitMeritOrderSlope recovers the slope of a signal that rises with generation beside a daily cycle", () => {
    const generation = Float64Array.from({ length: 24 * 30 }, (_, t) => 20_000 + 3_000 * Math.sin((2 * Math.PI * t) / 24) + 500 * Math.cos(t / 7));
    const signal = Float64Array.from(generation, (g, t) => 2 * Math.cos((2 * Math.PI * t) / 24) + 1e-4 * g);
    expect(fitMeritOrderSlope(signal, generation)).toBeCloseTo(1e-4, 9);
  });

  itSharedData("merit-order fitted on CISO 2022: intensity rises with total generation within each hour of day (a positive merit order)", () => {
    const file = path.join(sharedDataDir, "carbon/eia-fuelmix-CISO-2022.csv");
    const signal = minMaxScale(loadCarbonIntensity(file).values, 0, 10, "carbon").values;
    const ctx: ResponseBuildContext = { baseline: signal, source: "real", dataFile: () => file };
    const r = meritOrder.build(meritOrder.fields.parse({ loadScale: 1000 }) as never, ctx);
    // Measured 2026-12-05: 1.2·10⁻⁴ scaled units per MWh (4.1 g/kWh per GWh on the raw intensity).
    const slope = fitMeritOrderSlope(signal, loadTotalGeneration(file).values);
    expect(slope).toBeGreaterThan(0);
    expect(r.realise(100, signal[100], 1) - signal[100]).toBeCloseTo(slope * 1000, 9);
    expect(checkResponseModel(meritOrder, { loadScale: 1000, shape: 1.5 }, ctx)).toEqual([]);
  });
});

describe("checkResponseModel catches broken responses", () => {
  const broken = (build: () => Response): ResponseModel => ({ name: "broken", description: "", fields: z.object({}), build });
  it("one that moves the signal at the reference load", () => {
    const f = checkResponseModel(broken(() => ({ reference: 0, blame: "x", realise: (_h, y, l) => y + 0.1 + l })), {}, synthetic);
    expect(f.map((x) => x.check)).toContain("response-reference-is-baseline");
  });
  it("one that turns back as the load grows", () => {
    const f = checkResponseModel(broken(() => ({ reference: 0, blame: "x", realise: (_h, y, l) => y + l * l * Math.sign(l) - 50 * l })), {}, synthetic);
    expect(f.map((x) => x.check)).toEqual(["response-monotone"]);
  });
  it("one that is not finite", () => {
    const f = checkResponseModel(broken(() => ({ reference: 0, blame: "x", realise: (_h, y, l) => (l > 50 ? Infinity : y + l) })), {}, synthetic);
    expect(f.map((x) => x.check)).toContain("response-finite");
  });
});
