import { totalmem } from "node:os";
import { modelKinds } from "@equitable/core";

/** A year of hourly data (leap year): the series length assumed for real files before they are read. */
export const NOMINAL_REAL_HOURS = 8784;

/** The sizes the estimate reads; a validated scenario has them all. */
export interface SizedScenario {
  readonly data: { readonly source: string; readonly hours?: number };
  readonly window: number;
  readonly horizon: number;
  readonly agents: readonly { readonly count: number }[];
  /** The validated `model` object: its registered kind sizes the model (`ModelKind.memory`). */
  readonly model: { readonly kind: string } & Readonly<Record<string, unknown>>;
  readonly training: { readonly batchSize: number; readonly agentsPerStep?: number; readonly policyGradient: { readonly samples: number } };
}

/** The flat sizes of a run: what the estimate multiplies. */
interface Sizes {
  hours: number;
  window: number;
  horizon: number;
  counts: number[];
  /** The `model` object's fields, `kind` included. */
  model: { readonly kind: string } & Readonly<Record<string, unknown>>;
  batchSize: number;
  samples: number;
  agentsPerStep?: number;
}

const F32 = 4;
const F64 = 8;

/**
 * Bytes a run of these sizes would allocate at its peak, generically over agent kinds: the series
 * (float64, several copies), windows, each agent's float64 series and up to 4 float32 ξ values a row
 * (twice: the group's and the merged copy), one batch's sampled regrets, the model's parameters ×6
 * (weights, gradients, Adam's two moments, a warm-start copy, the saved copy) and one batch's
 * activations. Generous round factors: the point is to refuse `count: 1e9` in milliseconds instead
 * of failing after a minute, not to predict the peak to the megabyte.
 */
function estimate(z: Sizes): number {
  const rows = Math.max(0, z.hours - z.window - z.horizon + 1);
  const batch = Math.min(z.batchSize, Math.max(rows, 1));
  const agents = z.counts.reduce((a, c) => a + c, 0);
  const series = z.hours * F64 * 8 + rows * (z.window + z.horizon) * F32 * 2;
  // ξ twice only when groups are merged; a step's regrets cover the agents it samples.
  const xiCopies = z.counts.length > 1 ? 2 : 1;
  const perAgent = z.hours * F64 * 2 + rows * 4 * F32 * xiCopies;
  const stepAgents = Math.min(agents, z.agentsPerStep ?? agents);
  return series + agents * perAgent + stepAgents * batch * Math.max(z.samples, 1) * z.horizon * F32 * 4 + modelBytes(z, batch);
}

/** The model's bytes by its kind's estimate; a kind without one (or not registered) counts as none. */
function modelBytes(z: Sizes, batch: number): number {
  const { kind, ...fields } = z.model;
  const found = modelKinds.get(kind);
  if (!found?.memory) return 0;
  return found.memory.bytes(found.spec(fields, { window: z.window, horizon: z.horizon }), batch);
}

function sizesOf(s: SizedScenario, hours: number): Sizes {
  const m = s.model;
  return {
    hours, window: s.window, horizon: s.horizon, counts: s.agents.map((g) => g.count), model: m,
    batchSize: s.training.batchSize, samples: s.training.policyGradient.samples, agentsPerStep: s.training.agentsPerStep,
  };
}

/** The paper's sizes: the field whose reset to these shrinks the estimate most is the one to blame. */
const TYPICAL = { hours: NOMINAL_REAL_HOURS, window: 12, horizon: 12, count: 50, batchSize: 128, samples: 8 };

/** Each size field with the scenario as it would be were that field typical. */
function candidates(s: SizedScenario, z: Sizes): { path: (string | number)[]; value: number; sizes: Sizes }[] {
  const out: { path: (string | number)[]; value: number; sizes: Sizes }[] = [
    { path: s.data.source === "synthetic" ? ["data", "hours"] : ["data", "carbon"], value: z.hours, sizes: { ...z, hours: Math.min(z.hours, TYPICAL.hours) } },
    { path: ["window"], value: z.window, sizes: { ...z, window: Math.min(z.window, TYPICAL.window) } },
    { path: ["horizon"], value: z.horizon, sizes: { ...z, horizon: Math.min(z.horizon, TYPICAL.horizon) } },
    { path: ["training", "batchSize"], value: z.batchSize, sizes: { ...z, batchSize: Math.min(z.batchSize, TYPICAL.batchSize) } },
    { path: ["training", "policyGradient", "samples"], value: z.samples, sizes: { ...z, samples: Math.min(z.samples, TYPICAL.samples) } },
  ];
  z.counts.forEach((c, k) => {
    const counts = [...z.counts];
    counts[k] = Math.min(c, TYPICAL.count);
    out.push({ path: ["agents", k, "count"], value: c, sizes: { ...z, counts } });
  });
  // The model's typical sizes are its kind's (the paper's LSTM(50), Transformer(250, 10, 250)).
  const typical = modelKinds.get(z.model.kind)?.memory?.typical ?? {};
  for (const [key, size] of Object.entries(typical)) {
    const value = z.model[key] as number;
    out.push({ path: ["model", key], value, sizes: { ...z, model: { ...z.model, [key]: Math.min(value, size) } } });
  }
  return out;
}

/**
 * The most a run may plan to allocate: half the memory this process may use (a container's cgroup
 * limit when there is one, else the machine's), leaving the rest to the system and tfjs.
 */
export function runMemoryLimit(): number {
  const constrained = process.constrainedMemory?.();
  const total = constrained && constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  return total / 2;
}

/** "9.7 GB": decimal units, as `free -h --si` prints them. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? v.toFixed(0) : v.toPrecision(2)} ${units[u]}`;
}

/** Estimated peak bytes of a run of this scenario over `hours` of signal (default: the synthetic length, or a year). */
export function estimateRunMemory(s: SizedScenario, hours = s.data.hours ?? NOMINAL_REAL_HOURS): number {
  return estimate(sizesOf(s, hours));
}

/**
 * The field to blame and a message when a run of the scenario would allocate more than
 * {@link runMemoryLimit}; undefined when it fits. The field named is the one whose reset to the
 * paper's size would shrink the estimate most.
 */
export function runMemoryProblem(s: SizedScenario, hours = s.data.hours ?? NOMINAL_REAL_HOURS): { path: (string | number)[]; message: string } | undefined {
  const z = sizesOf(s, hours);
  const bytes = estimate(z);
  const limit = runMemoryLimit();
  if (bytes <= limit) return undefined;
  const blamed = candidates(s, z)
    .map((c) => ({ ...c, saved: bytes - estimate(c.sizes) }))
    .reduce((a, c) => (c.saved > a.saved ? c : a));
  const size = blamed.path[0] === "data" ? `${hours} hours` : String(blamed.value);
  return {
    path: blamed.path,
    message: `${size} would make the run allocate about ${formatBytes(bytes)}, more than the limit of ${formatBytes(limit)} (half the memory this process may use)`,
  };
}
