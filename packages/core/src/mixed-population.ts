import type { AgentPopulation } from "./agent.js";

/** One kind of agent inside a {@link MixedPopulation}: its population and the agent columns it owns. */
export interface PopulationPart {
  /** The agents of this kind. */
  readonly population: AgentPopulation;
  /** Index of its first agent among all M agents. */
  readonly first: number;
  /** Number of its agents. */
  readonly count: number;
}

/**
 * Agents of several kinds sharing one forecast (the paper's Table 3: data centres, EVs and
 * phones). ξ is B×M×W with W the widest kind's width; a kind of width w reads the first w
 * values of each of its agents. Differentiable only when every kind is; the trainer looks at
 * `parts` to route each kind through the chain rule or policy gradient.
 */
export class MixedPopulation implements AgentPopulation {
  readonly kind = "mixed";
  readonly ids: readonly string[];
  readonly xiWidth: number;
  readonly differentiable: boolean;
  /** The kinds, in column order. */
  readonly parts: readonly PopulationPart[];

  constructor(populations: readonly AgentPopulation[]) {
    if (populations.length === 0) throw new RangeError("MixedPopulation: needs at least one population");
    let first = 0;
    const parts: PopulationPart[] = [];
    for (const population of populations) {
      parts.push({ population, first, count: population.ids.length });
      first += population.ids.length;
    }
    this.parts = Object.freeze(parts);
    this.ids = Object.freeze(populations.flatMap((p) => p.ids));
    if (new Set(this.ids).size !== this.ids.length) throw new RangeError("MixedPopulation: agent ids must be unique across kinds");
    this.xiWidth = Math.max(...populations.map((p) => p.xiWidth));
    this.differentiable = populations.every((p) => p.differentiable);
  }

  /** ξ of one part as its own population expects it: rows×count×width, copied out of rows×M×W. */
  partXi(xi: ArrayLike<number>, rows: number, part: PopulationPart): Float32Array {
    const m = this.ids.length;
    const wAll = this.xiWidth;
    const w = part.population.xiWidth;
    const out = new Float32Array(rows * part.count * w);
    let o = 0;
    for (let r = 0; r < rows; r++) {
      for (let a = 0; a < part.count; a++) {
        const src = (r * m + part.first + a) * wAll;
        for (let f = 0; f < w; f++) out[o++] = xi[src + f];
      }
    }
    return out;
  }

  /** Every kind's regrets on the shared forecast, scattered into one rows×M matrix. */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.ids.length;
    if (xi.length !== batch * m * this.xiWidth) {
      throw new RangeError(`MixedPopulation.regrets: xi has ${xi.length} values, expected ${batch}×${m}×${this.xiWidth}`);
    }
    const out = new Float64Array(batch * m);
    for (const part of this.parts) {
      const sub = part.population.regrets(forecast, truth, this.partXi(xi, batch, part), batch);
      for (let r = 0; r < batch; r++) {
        out.set(sub.subarray(r * part.count, (r + 1) * part.count), r * m + part.first);
      }
    }
    return out;
  }
}

/** The parts of any population: a mixed one's kinds, or the population itself as one part. */
export function populationParts(population: AgentPopulation): readonly PopulationPart[] {
  return population instanceof MixedPopulation
    ? population.parts
    : [{ population, first: 0, count: population.ids.length }];
}
