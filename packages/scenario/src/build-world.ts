import { join } from "node:path";
import { InputError, MixedPopulation, createRandom, populationParts, type AgentPopulation, type ContextSeries, type Random } from "@equitable/core";
import {
  chronologicalSplit, combineSignals, loadAzureDemand, loadCarbonIntensity, loadEvSessions, loadOffsiteWaterIntensity,
  loadPriceCsv, loadWeatherWaterIntensity, minMaxScale, slidingWindows, syntheticEvSessions, syntheticSignals,
  timeOfUseTariff, type EvSessions,
} from "@equitable/data";
import { DatacenterPopulation, buildDemandMatrix, lambdasFor } from "@equitable/agents-datacenter";
import { EvPopulation, buildEvContexts, evNeedSpread, type CappedNeed } from "@equitable/agents-ev";
import { PhonePopulation, buildPhoneContexts } from "@equitable/agents-phone";
import type { Scenario } from "./schema.js";

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
  /** Frees what the agents keep on the tfjs backend. */
  dispose(): void;
}

type Group = Scenario["agents"][number];

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
  const parts = [{ name: "carbon", values: minMaxScale(carbonRaw, 0, 10).values, weight: 1 }];
  if (water) parts.push({ name: "water", values: minMaxScale(water, 0, 10).values, weight: scenario.signal.water });
  const price = scenario.signal.price;
  if (price && scenario.signal.priceWeight > 0) {
    let values: Float64Array;
    if (price.kind === "tou") {
      // Hour 0 of both the real (UTC) and the synthetic series is midnight; the tariff is local.
      values = timeOfUseTariff({ hours, startHour: (((price.utcOffset % 24) + 24) % 24), ...price });
    } else {
      values = loadPriceCsv(join(needDataDir(scenario, dataDir), price.file), hours);
    }
    parts.push({ name: "price", values: minMaxScale(values, 0, 10).values, weight: scenario.signal.priceWeight });
  }
  return { signal: parts.length === 1 ? parts[0].values : combineSignals(parts), carbonRaw };
}

/** ξ of one agent group and its population: ticks×count×width, row i = the tick predicted by window i. */
interface GroupAgents {
  population: AgentPopulation;
  xi: Float32Array;
  width: number;
}

function datacenterGroup(
  group: Extract<Group, { type: "datacenter" }>, g: number, demand: Float64Array, hours: number, t: Int32Array, rng: Random,
): GroupAgents {
  const lambdas = typeof group.lambda === "string" ? Array.from(lambdasFor(group.lambda, group.count)) : group.lambda;
  if (lambdas.length !== group.count) {
    throw new InputError(`agents[${g}].lambda`, `lists ${lambdas.length} values for ${group.count} agents`);
  }
  let matrix: Float64Array;
  try {
    matrix = buildDemandMatrix(demand, hours, {
      agents: group.count,
      mode: group.demand,
      perturbed: Math.min(group.perturbed, group.count),
      shiftMax: group.shiftMax,
      noiseStd: group.noiseStd,
      rng,
    });
  } catch (err) {
    // The builder names its own option ("agents"); say which scenario field that is.
    if (err instanceof InputError && err.where === "agents") {
      throw new InputError(`agents[${g}].count`, err.message.slice(err.where.length + 2));
    }
    throw err;
  }
  // ξ of row i is every agent's demand at the hour being predicted (the first target step).
  const c = group.count;
  const xi = new Float32Array(t.length * c);
  for (let i = 0; i < t.length; i++) for (let j = 0; j < c; j++) xi[i * c + j] = matrix[t[i] * c + j];
  const ids = Array.from({ length: c }, (_, j) => `datacenter-${g}-${String(j).padStart(2, "0")}`);
  return { population: new DatacenterPopulation({ lambdas, ids }), xi, width: 1 };
}

function renamed(err: unknown, g: number): unknown {
  // Builders name their own options ("agents", "kMax"); say which scenario field that is. Other
  // wheres (a file:line, "agent ev-0-03, session 4") already say where.
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
  const { window, horizon } = scenario;
  const windows = slidingWindows(signal, { window, horizon });
  const hours = signal.length;
  const data = scenario.data;

  let demand: Float64Array | undefined;
  let sessions: EvSessions | undefined;
  const spread: World["spread"] = {};
  const groups: GroupAgents[] = scenario.agents.map((group, g) => {
    const groupRng = rng.fork(`agents/${g}`);
    if (group.type === "datacenter") {
      if (!demand) {
        let raw: Float64Array;
        if (data.source === "synthetic") raw = syntheticSignals({ hours: data.hours, seed }).demand;
        else {
          if (!data.demand) throw new InputError("data.demand", "data-centre agents need a demand file (e.g. datacenter/azure-functions-demand-2019.csv)");
          const loaded = loadAzureDemand(join(needDataDir(scenario, opts.dataDir), data.demand));
          addQuirks(quirks, data.demand, loaded.quirks);
          raw = loaded.values;
        }
        if (raw.length === 0) throw new InputError("data.demand", "the demand series is empty");
        demand = minMaxScale(raw, 0, 10).values;
      }
      return datacenterGroup(group, g, demand, hours, windows.t, groupRng);
    }
    if (horizon < 2) {
      throw new InputError("horizon", `${group.type} agents schedule over the forecast's slots: horizon is ${horizon}, use 12`);
    }
    const ids = Array.from({ length: group.count }, (_, j) => `${group.type}-${g}-${String(j).padStart(2, "0")}`);
    try {
      if (group.type === "ev") {
        if (!sessions) {
          if (data.source === "synthetic") sessions = syntheticEvSessions({ count: Math.max(4000, group.count * 50), seed });
          else {
            if (!data.ev) throw new InputError("data.ev", "EV agents need a sessions file (e.g. ev/acn-caltech-sessions-2018-2021.csv)");
            const loaded = loadEvSessions(join(needDataDir(scenario, opts.dataDir), data.ev));
            addQuirks(quirks, data.ev, loaded.quirks);
            sessions = loaded.sessions;
          }
        }
        const slots = group.slots ?? horizon - group.firstSlot;
        if (slots < 1) throw new InputError(`agents[${g}].firstSlot`, `${group.firstSlot} leaves no slot of the ${horizon}-step horizon`);
        let infeasible: CappedNeed | undefined;
        const xi = buildEvContexts(sessions, {
          agents: group.count, ticks: windows.size, mode: group.demand, perturbed: Math.min(group.perturbed, group.count),
          shiftMax: group.shiftMax, noiseStd: group.noiseStd, slots, rate: group.rate, rng: groupRng,
          onCapped: (n, first) => {
            // A session's own rate cannot stretch: a scenario refuses what the library would cap. A per-EV
            // rate is an average, so some sessions exceeding ζ·T is expected: counted, as a quirk.
            if (group.rate === "session") infeasible = first;
            else if (n > 0) quirks[`agents[${g}]: EV needs above what the window delivers (ζ·T), capped`] = n;
          },
        });
        if (infeasible) {
          const { agent, session, slotsNeeded } = infeasible;
          throw new InputError(
            `agent ${ids[agent]}, session ${session}`,
            `charging ${sessions.hours[session].toFixed(2)} h needs ${slotsNeeded} slots, more than the ${slots}-slot forecast window can deliver (infeasible): use horizon ≥ ${slotsNeeded}`,
          );
        }
        spread[`agents[${g}]`] = evNeedSpread(xi, windows.size, group.count);
        return { population: new EvPopulation({ agents: group.count, slots, horizon, firstSlot: group.firstSlot, ids }), xi, width: 2 };
      }
      const xi = buildPhoneContexts({
        agents: group.count, ticks: windows.size, kMin: group.kMin, kMax: group.kMax,
        muMin: group.muMin, muMax: group.muMax, slots: horizon, rng: groupRng,
      });
      return { population: new PhonePopulation({ agents: group.count, slots: horizon, ids }), xi, width: 2 };
    } catch (err) {
      throw renamed(err, g);
    }
  });

  const population = assemble(groups);
  const m = population.ids.length;
  const width = population.xiWidth;
  const xi = new Float32Array(windows.size * m * width);
  let col = 0;
  for (const group of groups) {
    const c = group.population.ids.length;
    for (let i = 0; i < windows.size; i++) {
      for (let j = 0; j < c; j++) {
        for (let f = 0; f < group.width; f++) xi[(i * m + col + j) * width + f] = group.xi[(i * c + j) * group.width + f];
      }
    }
    col += c;
  }
  const split = chronologicalSplit(windows.size, scenario.trainFraction);
  return {
    series: { size: windows.size, window, horizon, agents: m, xiWidth: width, t: windows.t, x: windows.x, y: windows.y, xi },
    train: split.train,
    test: split.test,
    population,
    quirks,
    spread,
    dispose: () => disposePopulation(population),
  };
}


/** One population for the agents: data centres alone merge into one (one tensor op), anything else mixes. */
function assemble(groups: readonly GroupAgents[]): AgentPopulation {
  if (groups.length === 1) return groups[0].population;
  const populations = groups.map((g) => g.population);
  if (populations.every((p) => p instanceof DatacenterPopulation)) {
    // Width-1 groups side by side: the ξ columns are already in this order.
    const dcs = populations as DatacenterPopulation[];
    return new DatacenterPopulation({ lambdas: dcs.flatMap((p) => Array.from(p.lambdas)), ids: dcs.flatMap((p) => p.ids) });
  }
  return new MixedPopulation(populations);
}

/** Frees what a population keeps on the tfjs backend (a mixed one's kinds each). */
function disposePopulation(population: AgentPopulation): void {
  for (const part of populationParts(population)) (part.population as { dispose?: () => void }).dispose?.();
}
