import {
  InputError, MixedPopulation, agentKinds, createRandom, type AgentBuildContext, type AgentPopulation,
} from "@equitable/core";
import type { AuditGroup } from "./audit-scenario.js";

/** One group's agents among the audit's columns. */
export interface AuditGroupColumns {
  readonly name: string;
  readonly kind: string;
  readonly first: number;
  readonly count: number;
}

/** The audit's agents: one population over all groups and their ξ per decision day. */
export interface AuditAgents {
  readonly population: AgentPopulation;
  readonly ids: readonly string[];
  readonly groups: readonly AuditGroupColumns[];
  /** days×M×xiWidth: every agent's context on each decision day (the same whatever forecast is scored). */
  readonly xiByDay: Float32Array;
  /** Quirks the kinds reported while building (capped needs…). */
  readonly quirks: Record<string, number>;
}

/**
 * Builds the groups of any registered kinds for `days` decision days of `steps` steps each. Agents'
 * own contexts (EV needs, desks' load shares) are the kinds' seeded synthetic draws: the audit's real
 * data is the forecast and its outturn. Day d sits at hour 24·d of the kinds' time axis.
 */
export function buildAuditAgents(groups: readonly AuditGroup[], days: number, steps: number, seed: number): AuditAgents {
  const rng = createRandom(seed);
  const shared = new Map<string, unknown>();
  const quirks: Record<string, number> = {};
  const ticks = Int32Array.from({ length: days }, (_, d) => 24 * d);
  const built = groups.map((group, g) => {
    const kind = agentKinds.require(group.fields.type, `agents[${g}].type`);
    if (kind.minHorizon !== undefined && steps < kind.minHorizon) {
      throw new InputError("decision.steps", `${kind.type} agents need at least ${kind.minHorizon} steps, got ${steps}`);
    }
    const ids = Array.from({ length: group.fields.count }, (_, j) => `${kind.type}-${g}-${String(j).padStart(2, "0")}`);
    const ctx: AgentBuildContext = {
      index: g, ids, ticks, rows: days, hours: 24 * days + 24, window: 1, horizon: steps, seed, rng: rng.fork(`agents/${g}`),
      source: "synthetic",
      shared: <T>(key: string, load: () => T): T => {
        if (!shared.has(key)) shared.set(key, load());
        return shared.get(key) as T;
      },
      dataFile: (field) => {
        throw new InputError(`agents[${g}]`, `${kind.type} agents read data.${field}, and an audit draws agents' contexts synthetically`);
      },
      quirks: (file, found) => {
        for (const [k, v] of Object.entries(found)) if (typeof v === "number" && v > 0) quirks[`${group.name}: ${file}: ${k}`] = v;
      },
      quirk: (what, count) => {
        if (count > 0) quirks[`${group.name}: ${what}`] = count;
      },
    };
    let out;
    try {
      out = kind.build(group.fields as never, ctx);
    } catch (err) {
      if (err instanceof InputError && /^[A-Za-z]+$/.test(err.where)) throw new InputError(`agents[${g}].${err.where}`, err.message.slice(err.where.length + 2));
      throw err;
    }
    return { name: group.name, kind: kind.type, ...out };
  });
  const population = built.length === 1 ? built[0].population : new MixedPopulation(built.map((b) => b.population));
  const m = population.ids.length;
  const width = population.xiWidth;
  const xiByDay = new Float32Array(days * m * width);
  const columns: AuditGroupColumns[] = [];
  let col = 0;
  for (const b of built) {
    const c = b.population.ids.length;
    const w = b.population.xiWidth;
    for (let d = 0; d < days; d++) {
      for (let j = 0; j < c; j++) for (let f = 0; f < w; f++) xiByDay[(d * m + col + j) * width + f] = b.xi[(d * c + j) * w + f];
    }
    columns.push({ name: b.name, kind: b.kind, first: col, count: c });
    col += c;
  }
  return { population, ids: population.ids, groups: columns, xiByDay, quirks };
}

/** rows×M×W ξ of the given decision rows, from the per-day contexts. */
export function xiOfRows(agents: AuditAgents, day: ArrayLike<number>): Float32Array {
  const per = agents.population.ids.length * agents.population.xiWidth;
  const out = new Float32Array(day.length * per);
  for (let r = 0; r < day.length; r++) out.set(agents.xiByDay.subarray(day[r] * per, (day[r] + 1) * per), r * per);
  return out;
}
