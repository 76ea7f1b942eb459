// Test-only fixtures shared by the trainer's specs (not exported from the package).
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { createRandom, type ContextSeries } from "@equitable/core";

// A small world: a noisy daily cycle, window 12, horizon 1, 4 agents with different λ and demand.
export function world(seed: string): { series: ContextSeries; rows: Int32Array; test: Int32Array; population: DatacenterPopulation } {
  const rng = createRandom(seed);
  const hours = 400;
  const signal = Float64Array.from({ length: hours }, (_, t) => 5 + 4 * Math.sin((2 * Math.PI * t) / 24) + 0.3 * rng.normal());
  const window = 12;
  const size = hours - window;
  const m = 4;
  const x = new Float32Array(size * window);
  const y = new Float32Array(size);
  const xi = new Float32Array(size * m);
  const t = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < window; k++) x[i * window + k] = signal[i + k];
    y[i] = signal[i + window];
    t[i] = i + window;
    for (let j = 0; j < m; j++) xi[i * m + j] = 1 + j * 3 + rng.next();
  }
  const rows = Int32Array.from({ length: 300 }, (_, i) => i);
  const test = Int32Array.from({ length: size - 300 }, (_, i) => 300 + i);
  return { series: { size, window, horizon: 1, agents: m, xiWidth: 1, t, x, y, xi }, rows, test, population: new DatacenterPopulation({ lambdas: [2, 10, 50, 100] }) };
}

