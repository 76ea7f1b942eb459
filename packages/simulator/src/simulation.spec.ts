import { createRandom, type ContextBatch } from "@equitable/core";
import { concatMap, lastValueFrom, merge, toArray, zip } from "rxjs";
import { describe, expect, it } from "vitest";
import { createSimulation, Simulation } from "./simulation.js";
import { expectedBatch, expectedContext, makeSeries, marbles, rowsOf, WeightedAbsPopulation } from "./spec-fixtures.js";

const offByOne = (b: ContextBatch) => b.y.map((v) => v + 1);

/** A series shaped like makeSeries but with every value shifted, so two simulations' outputs differ. */
function shiftedSeries(size: number, shift: number) {
  const s = makeSeries(size);
  return { ...s, x: s.x.map((v) => v + shift), y: s.y.map((v) => v + shift), xi: s.xi.map((v) => v + shift) };
}

describe("Simulation", () => {
  it("replays its series as contexts and batches (marbles)", () => {
    const sim = createSimulation(makeSeries(3));
    expect(sim).toBeInstanceOf(Simulation);
    expect(sim.size).toBe(3);
    const tests = marbles();
    tests.run(({ expectObservable }) => {
      expectObservable(sim.contexts(Int32Array.of(2, 0), tests)).toBe("(ab|)", { a: expectedContext(2), b: expectedContext(0) });
      expectObservable(sim.evaluation({ batchSize: 2, scheduler: tests })).toBe("(ab|)", {
        a: expectedBatch([0, 1]),
        b: expectedBatch([2]),
      });
    });
    expect(sim.batch(Int32Array.of(1))).toEqual(expectedBatch([1]));
  });

  it("evaluates a population's mean regrets over an ordered pass", async () => {
    const sim = new Simulation(makeSeries(5));
    const population = new WeightedAbsPopulation([1, 2]);
    const result = await lastValueFrom(sim.evaluate(population, offByOne, { batchSize: 2 }));
    // every row is off by 1 on both horizon steps → error 2 → regrets 2·w
    expect(result).toEqual({ means: Float64Array.of(2, 4), rows: 5 });
    expect(population.calls).toBe(3);
    const perBatch = await lastValueFrom(sim.regrets(population, offByOne, { batchSize: 5 }).pipe(toArray()));
    expect(perBatch).toHaveLength(1);
  });

  it("rejects a malformed series and a population of the wrong size", () => {
    const s = makeSeries(3);
    expect(() => new Simulation({ ...s, y: new Float32Array(1) })).toThrow(/Simulation: series\.y has length 1/);
    expect(() => new Simulation(s).evaluate(new WeightedAbsPopulation([1]), offByOne, { batchSize: 2 })).toThrow(
      /population has 1 agents, series has 2/,
    );
  });

  it("two simulations interleaved in one process don't interfere", async () => {
    const seriesA = makeSeries(9);
    const seriesB = shiftedSeries(11, 0.5);

    // Reference: each simulation run alone.
    const alone = async (sim: Simulation, seed: string) => {
      const epoch = await lastValueFrom(sim.epoch({ batchSize: 4, rng: createRandom(seed) }).pipe(toArray()));
      const evaluated = await lastValueFrom(sim.evaluate(new WeightedAbsPopulation([1, 3]), offByOne, { batchSize: 3 }));
      return { epoch, evaluated };
    };
    const refA = await alone(createSimulation(seriesA), "a");
    const refB = await alone(createSimulation(seriesB), "b");

    // Interleaved: calls alternate, and the streams are consumed element by element together.
    const simA = createSimulation(seriesA);
    const simB = createSimulation(seriesB);
    const rngA = createRandom("a");
    const rngB = createRandom("b");
    const epochA = simA.epoch({ batchSize: 4, rng: rngA });
    const epochB = simB.epoch({ batchSize: 4, rng: rngB });
    const pairs = await lastValueFrom(zip(epochA, epochB).pipe(toArray()));
    expect(pairs.map(([a]) => a)).toEqual(refA.epoch.slice(0, pairs.length));
    expect(pairs.map(([, b]) => b)).toEqual(refB.epoch.slice(0, pairs.length));
    expect(await lastValueFrom(epochA.pipe(toArray()))).toEqual(refA.epoch);
    expect(await lastValueFrom(epochB.pipe(toArray()))).toEqual(refB.epoch);

    const [evalA, evalB] = await Promise.all([
      lastValueFrom(simA.evaluate(new WeightedAbsPopulation([1, 3]), offByOne, { batchSize: 3 })),
      lastValueFrom(simB.evaluate(new WeightedAbsPopulation([1, 3]), offByOne, { batchSize: 3 })),
    ]);
    expect(evalA).toEqual(refA.evaluated);
    expect(evalB).toEqual(refB.evaluated);
    expect(evalA.rows).toBe(9);
    expect(evalB.rows).toBe(11);
  });

  it("interleaves on one virtual clock without mixing rows (marbles)", () => {
    const simA = createSimulation(makeSeries(4));
    const simB = createSimulation(shiftedSeries(4, 0.25));
    const shifted = (i: number) => {
      const c = expectedContext(i);
      return { t: c.t, x: c.x.map((v) => v + 0.25), y: c.y.map((v) => v + 0.25), xi: c.xi.map((v) => v + 0.25) };
    };
    marbles().run(({ cold, expectObservable }) => {
      // Each simulation is paced by its own clock; their ticks alternate on the shared timeline.
      const a = cold("a-b-c|", { a: 0, b: 1, c: 2 }).pipe(concatMap((i) => simA.contexts(Int32Array.of(i))));
      const b = cold("-a-b-c|", { a: 2, b: 1, c: 0 }).pipe(concatMap((i) => simB.contexts(Int32Array.of(i))));
      expectObservable(merge(a, b)).toBe("abcdef|", {
        a: expectedContext(0),
        b: shifted(2),
        c: expectedContext(1),
        d: shifted(1),
        e: expectedContext(2),
        f: shifted(0),
      });
    });
    // The epochs of two simulations sharing nothing but a seed see the same permutation of their own rows.
    const a = [] as number[][];
    const b = [] as number[][];
    simA.epoch({ batchSize: 2, rng: createRandom(7) }).subscribe((x) => a.push(rowsOf(x)));
    simB.epoch({ batchSize: 2, rng: createRandom(7) }).subscribe((x) => b.push(rowsOf(x)));
    expect(b).toEqual(a);
  });
});
