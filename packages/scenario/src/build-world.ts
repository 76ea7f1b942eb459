import { join } from "node:path";
import { InputError, createRandom, type ContextSeries } from "@equitable/core";
import {
  chronologicalSplit, loadAzureDemand, loadCarbonIntensity, minMaxScale, slidingWindows, syntheticSignals,
} from "@equitable/data";
import { DatacenterPopulation, buildDemandMatrix, lambdasFor } from "@equitable/agents-datacenter";
import type { Scenario } from "./schema.js";

/** Everything a scenario describes, assembled: the windowed series, its split, the agents. */
export interface World {
  series: ContextSeries;
  /** Row indices of the chronological train split. */
  train: Int32Array;
  /** Row indices of the test split. */
  test: Int32Array;
  population: DatacenterPopulation;
  /** Data quirks found and handled while loading, by "file: what" → count. */
  quirks: Record<string, number>;
}

interface Signals {
  carbon: Float64Array;
  demand: Float64Array;
  quirks: Record<string, number>;
}

function loadSignals(scenario: Scenario, seed: number, dataDir: string | undefined): Signals {
  const data = scenario.data;
  if (data.source === "synthetic") {
    const s = syntheticSignals({ hours: data.hours, seed });
    return { carbon: s.carbon, demand: s.demand, quirks: {} };
  }
  if (!dataDir) {
    throw new InputError("--data-dir", `scenario '${scenario.name}' reads real data files: pass --data-dir (e.g. ../shared/data)`);
  }
  const carbon = loadCarbonIntensity(join(dataDir, data.carbon));
  const demand = loadAzureDemand(join(dataDir, data.demand));
  const quirks: Record<string, number> = {};
  for (const [file, q] of [[data.carbon, carbon.quirks], [data.demand, demand.quirks]] as const) {
    for (const [k, v] of Object.entries(q as unknown as Record<string, number>)) {
      if (typeof v === "number" && v > 0) quirks[`${file}: ${k}`] = v;
    }
  }
  return { carbon: carbon.values, demand: demand.values, quirks };
}

/**
 * Builds the world of a scenario: signals (real or synthetic) min-max scaled to [0, 10],
 * windows over carbon intensity, each agent's demand at the predicted hour as ξ, and a
 * chronological split. All randomness derives from `seed`.
 */
export function buildWorld(scenario: Scenario, opts: { seed?: number; dataDir?: string } = {}): World {
  const seed = opts.seed ?? scenario.seed;
  const rng = createRandom(seed);
  const signals = loadSignals(scenario, seed, opts.dataDir);
  if (signals.carbon.length === 0) throw new InputError("data.carbon", "the carbon series is empty");
  if (signals.demand.length === 0) throw new InputError("data.demand", "the demand series is empty");
  const carbon = minMaxScale(signals.carbon, 0, 10).values;
  const demand = minMaxScale(signals.demand, 0, 10).values;
  const { window, horizon } = scenario;
  const windows = slidingWindows(carbon, { window, horizon });
  const hours = carbon.length;

  const lambdas: number[] = [];
  const ids: string[] = [];
  const matrices: Float64Array[] = [];
  scenario.agents.forEach((group, g) => {
    const groupLambdas =
      typeof group.lambda === "string" ? Array.from(lambdasFor(group.lambda, group.count)) : group.lambda;
    if (groupLambdas.length !== group.count) {
      throw new InputError(`agents[${g}].lambda`, `lists ${groupLambdas.length} values for ${group.count} agents`);
    }
    lambdas.push(...groupLambdas);
    for (let j = 0; j < group.count; j++) ids.push(`${group.type}-${g}-${String(j).padStart(2, "0")}`);
    try {
      matrices.push(
        buildDemandMatrix(demand, hours, {
          agents: group.count,
          mode: group.demand,
          perturbed: Math.min(group.perturbed, group.count),
          shiftMax: group.shiftMax,
          noiseStd: group.noiseStd,
          rng: rng.fork(`agents/${g}`),
        }),
      );
    } catch (err) {
      // The builder names its own option ("agents"); say which scenario field that is.
      if (err instanceof InputError && err.where === "agents") {
        throw new InputError(`agents[${g}].count`, err.message.slice(err.where.length + 2));
      }
      throw err;
    }
  });

  // ξ of row i is every agent's demand at the hour being predicted (the first target step).
  const m = lambdas.length;
  const xi = new Float32Array(windows.size * m);
  for (let i = 0; i < windows.size; i++) {
    const hour = windows.t[i];
    let col = 0;
    for (let g = 0; g < matrices.length; g++) {
      const count = scenario.agents[g].count;
      const src = matrices[g];
      for (let j = 0; j < count; j++) xi[i * m + col + j] = src[hour * count + j];
      col += count;
    }
  }
  const split = chronologicalSplit(windows.size, scenario.trainFraction);
  return {
    series: { size: windows.size, window, horizon, agents: m, xiWidth: 1, t: windows.t, x: windows.x, y: windows.y, xi },
    train: split.train,
    test: split.test,
    population: new DatacenterPopulation({ lambdas, ids }),
    quirks: signals.quirks,
  };
}
