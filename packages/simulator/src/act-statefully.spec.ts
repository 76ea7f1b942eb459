import { describe, it } from "vitest";
import { actStatefully } from "./act-statefully.js";
import { forecastStream } from "./forecast-stream.js";
import { deployModels } from "./deploy-models.js";
import { toyStore } from "./live.spec-helper.js";
import { marbles } from "./spec-fixtures.js";

const truth = [1, 2, 8, 9, 3];
const t = (index: number) => ({ index, hour: 10 + index });
const ticks = { a: t(0), b: t(1), c: t(2), d: t(3), e: t(4) };

describe("the forecast stream and a stateful agent", () => {
  it("forecasts each tick with the model deployed there (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      const stream = cold("a-b-c|", ticks).pipe(deployModels(2), forecastStream((scale: number, tick) => Float64Array.of(scale * tick.index)));
      expectObservable(stream).toBe("a-b-c|", {
        a: { tick: t(0), version: 0, forecast: Float64Array.of(0) },
        b: { tick: t(1), version: 0, forecast: Float64Array.of(2) },
        c: { tick: t(2), version: 0, forecast: Float64Array.of(4) },
      });
    });
  });

  it("carries state from tick to tick: buys while cheap and there is room, sells when dear (marbles)", () => {
    marbles().run(({ cold, expectObservable }) => {
      const forecasts = { a: 1, b: 2, c: 3, d: 8, e: 9 };
      const stream = cold("abcde|", ticks).pipe(
        deployModels(0),
        forecastStream((_m, tick) => Float64Array.of(Object.values(forecasts)[tick.index])),
        actStatefully(toyStore(truth)),
      );
      const row = (i: number, s: number, d: number) => ({ tick: t(i), version: 0, state: Float64Array.of(s), decision: Float64Array.of(d), cost: Float64Array.of(d * truth[i]) });
      // Capacity 2: the third cheap tick cannot buy; then it sells twice.
      expectObservable(stream).toBe("abcde|", { a: row(0, 1, 1), b: row(1, 2, 1), c: row(2, 2, 0), d: row(3, 1, -1), e: row(4, 0, -1) });
    });
  });
});
