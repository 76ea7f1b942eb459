import { join } from "node:path";
import {
  InputError, MixedPopulation, agentKinds, createRandom, disposePopulation, type AgentBuildContext, type AgentKind,
  type AgentPopulation, type BuiltGroup, type ContextSeries, type LiveFactory,
} from "@equitable/core";
import {
  chronologicalSplit, combineSignals, loadCarbonIntensity, loadOffsiteWaterIntensity, loadPriceCsv, loadWeatherWaterIntensity,
  minMaxScale, slidingWindows, syntheticSignals, timeOfUseTariff,
} from "@equitable/data";
import type { Scenario } from "./schema.js";
import { fieldName } from "./load-scenario.js";
import { runMemoryProblem } from "./run-memory.js";

/** Everything a scenario describes, assembled: the windowed series, its split, the agents. */
export interface World {
  series: ContextSeries;
  /** Row indices of the chronological train split. */
  train: Int32Array;
  /** Row indices of the test split. */
  test: Int32Array;
  /** All agents; a MixedPopulation when the scenario names several kinds. */
  population: AgentPopulation;
  /** Data quirks found and handled while loading, by "file: what" → count. */
  quirks: Record<string, number>;
  /** Pairwise W1 span of each EV group's needs (kWh), to compare with the paper's. */
  spread: Record<string, { min: number; max: number }>;
  /** Each agent group as built: its population, its first column among the series' agents, how it acts deployed live. */
  groups: readonly WorldGroup[];
  /** Population weights per agent (groups' `weight`): agent m stands for w_m agents in the objective; undefined when all are 1. */
  agentWeights?: Float64Array;
  /** Frees what the agents keep on the tfjs backend. */
  dispose(): void;
}

/** One agent group of a {@link World}. */
export interface WorldGroup {
  readonly population: AgentPopulation;
  /** Index of the group's first agent among the series' agents. */
  readonly column: number;
  /** Its kind's stateful deployment, when the kind has one (`equitable simulate`). */
  readonly live?: LiveFactory;
}

function addQuirks(into: Record<string, number>, file: string, quirks: object): void {
  for (const [k, v] of Object.entries(quirks)) {
    if (typeof v === "number" && v > 0 && k !== "rows" && k !== "kept") into[`${file}: ${k}`] = v;
  }
}

function needDataDir(scenario: Scenario, dataDir: string | undefined): string {
  if (!dataDir) {
    throw new InputError("--data-dir", `scenario '${scenario.name}' reads real data files: pass --data-dir (e.g. ../shared/data)`);
  }
  return dataDir;
}

/** E_t of Eq. 13 (or carbon alone): every part min-max scaled to [0, 10], then weighted and summed. */
function publicSignal(scenario: Scenario, seed: number, dataDir: string | undefined, quirks: Record<string, number>): { signal: Float64Array; carbonRaw: Float64Array } {
  const data = scenario.data;
  let carbonRaw: Float64Array;
  let water: Float64Array | undefined;
  if (data.source === "synthetic") {
    carbonRaw = syntheticSignals({ hours: data.hours, seed }).carbon;
    if (scenario.signal.water > 0) throw new InputError("signal.water", "water intensity needs real data (data.source 'real')");
  } else {
    const dir = needDataDir(scenario, dataDir);
    const carbon = loadCarbonIntensity(join(dir, data.carbon));
    addQuirks(quirks, data.carbon, carbon.quirks);
    carbonRaw = carbon.values;
    if (scenario.signal.water > 0) {
      // Offsite (generation) water in L/MWh → L/kWh, plus the onsite cooling tower's L/kWh when weather is given.
      water = Float64Array.from(loadOffsiteWaterIntensity(join(dir, data.carbon)).values, (v) => v / 1000);
      if (data.weather) {
        const weather = loadWeatherWaterIntensity(join(dir, data.weather));
        addQuirks(quirks, data.weather, weather.quirks);
        if (weather.waterIntensity.length < water.length) {
          throw new InputError(data.weather, `has ${weather.waterIntensity.length} hours, the carbon series ${water.length}`);
        }
        for (let t = 0; t < water.length; t++) water[t] += weather.waterIntensity[t];
      }
    }
  }
  if (carbonRaw.length === 0) throw new InputError("data.carbon", "the carbon series is empty");
  const hours = carbonRaw.length;
  const parts = [{ name: "carbon", values: minMaxScale(carbonRaw, 0, 10, "data.carbon").values, weight: 1 }];
  if (water) parts.push({ name: "water", values: minMaxScale(water, 0, 10, "water intensity").values, weight: scenario.signal.water });
  const price = scenario.signal.price;
  if (price && scenario.signal.priceWeight > 0) {
    let values: Float64Array;
    if (price.kind === "tou") {
      // Hour 0 of both the real (UTC) and the synthetic series is midnight; the tariff is local.
      values = timeOfUseTariff({ hours, startHour: (((price.utcOffset % 24) + 24) % 24), ...price });
    } else {
      values = loadPriceCsv(join(needDataDir(scenario, dataDir), price.file), hours);
    }
    parts.push({ name: "price", values: minMaxScale(values, 0, 10, "signal.price").values, weight: scenario.signal.priceWeight });
  }
  return { signal: parts.length === 1 ? parts[0].values : combineSignals(parts), carbonRaw };
}

function renamed(err: unknown, g: number): unknown {
  // Kinds name their own fields ("count", "kMax"); say which scenario field that is. Other
  // wheres (a file:line, "agent ev-0-03, session 4", "data.demand") already say where.
  if (err instanceof InputError && /^[A-Za-z]+$/.test(err.where)) {
    return new InputError(`agents[${g}].${err.where}`, err.message.slice(err.where.length + 2));
  }
  return err;
}

/**
 * Builds the world of a scenario: the public signal (carbon, or Eq. 13's E_t) scaled to [0, 10],
 * windows over it, every agent group's ξ at the predicted ticks, and a chronological split.
 * All randomness derives from `seed`.
 */
export function buildWorld(scenario: Scenario, opts: { seed?: number; dataDir?: string } = {}): World {
  const seed = opts.seed ?? scenario.seed;
  const rng = createRandom(seed);
  const quirks: Record<string, number> = {};
  const { signal } = publicSignal(scenario, seed, opts.dataDir, quirks);
  // Validation assumed a year of real data; now the length is known, check again before allocating.
  const memory = runMemoryProblem(scenario, signal.length);
  if (memory) throw new InputError(fieldName(memory.path), memory.message);
  const { window, horizon } = scenario;
  const windows = slidingWindows(signal, { window, horizon });
  const hours = signal.length;
  const data = scenario.data;

  const spread: World["spread"] = {};
  const shared = new Map<string, unknown>();
  const kinds: AgentKind[] = [];
  const groups: BuiltGroup[] = scenario.agents.map((group, g) => {
    const kind = agentKinds.require(group.type, `agents[${g}].type`);
    kinds.push(kind);
    const groupRng = rng.fork(`agents/${g}`);
    if (kind.minHorizon !== undefined && horizon < kind.minHorizon) {
      throw new InputError("horizon", `${group.type} agents schedule over the forecast's slots: horizon is ${horizon}, use at least ${kind.minHorizon} (the paper uses 12)`);
    }
    const ids = Array.from({ length: group.count }, (_, j) => `${group.type}-${g}-${String(j).padStart(2, "0")}`);
    const ctx: AgentBuildContext = {
      index: g, ids, ticks: windows.t, rows: windows.size, hours, window, horizon, seed, rng: groupRng, source: data.source,
      shared: <T>(key: string, load: () => T): T => {
        if (!shared.has(key)) shared.set(key, load());
        return shared.get(key) as T;
      },
      dataFile: (field) => {
        const name = data.source === "real" ? (data as Record<string, unknown>)[field] : undefined;
        if (typeof name !== "string") {
          const need = kind.data?.find((d) => d.field === field);
          throw new InputError(`data.${field}`, need?.missing ?? `${group.type} agents need data.${field}`);
        }
        return join(needDataDir(scenario, opts.dataDir), name);
      },
      quirks: (field, found) => addQuirks(quirks, String((data as Record<string, unknown>)[field] ?? field), found),
      quirk: (what, count) => {
        if (count > 0) quirks[what] = count;
      },
    };
    let built: BuiltGroup;
    try {
      built = kind.build(group, ctx);
    } catch (err) {
      throw renamed(err, g);
    }
    const { population, xi } = built;
    const expected = windows.size * group.count * population.xiWidth;
    if (population.ids.length !== group.count || xi.length !== expected) {
      throw new TypeError(`agent kind '${kind.type}' built ${population.ids.length} agents and ${xi.length} ξ values for a group of ${group.count} (expected ${expected})`);
    }
    if (built.spread) spread[`agents[${g}]`] = built.spread;
    return built;
  });

  const population = assemble(groups, kinds);
  const m = population.ids.length;
  const width = population.xiWidth;
  // One group's ξ already has the merged layout: kept as it is, not copied (at 10⁵ agents, a GB).
  const single = groups.length === 1;
  const xi = single ? groups[0].xi : new Float32Array(windows.size * m * width);
  let col = 0;
  const worldGroups: WorldGroup[] = [];
  for (const group of groups) {
    worldGroups.push({ population: group.population, column: col, live: group.live });
    const c = group.population.ids.length;
    const w = group.population.xiWidth;
    if (single) {
      col += c;
      continue;
    }
    for (let i = 0; i < windows.size; i++) {
      for (let j = 0; j < c; j++) {
        for (let f = 0; f < w; f++) xi[(i * m + col + j) * width + f] = group.xi[(i * c + j) * w + f];
      }
    }
    col += c;
  }
  const split = chronologicalSplit(windows.size, scenario.trainFraction);
  const weighted = scenario.agents.some((g) => (g.weight ?? 1) !== 1);
  const agentWeights = weighted ? Float64Array.from(scenario.agents.flatMap((g) => Array<number>(g.count).fill(g.weight ?? 1))) : undefined;
  return {
    ...(agentWeights ? { agentWeights } : {}),
    series: { size: windows.size, window, horizon, agents: m, xiWidth: width, t: windows.t, x: windows.x, y: windows.y, xi },
    train: split.train,
    test: split.test,
    population,
    quirks,
    spread,
    groups: worldGroups,
    dispose: () => disposePopulation(population),
  };
}


/** One population for the agents: groups all of one kind merge when the kind can (one tensor op), anything else mixes. */
function assemble(groups: readonly BuiltGroup[], kinds: readonly AgentKind[]): AgentPopulation {
  if (groups.length === 1) return groups[0].population;
  const populations = groups.map((g) => g.population);
  const merge = kinds[0].merge;
  if (merge && kinds.every((k) => k === kinds[0])) return merge(populations);
  return new MixedPopulation(populations);
}
