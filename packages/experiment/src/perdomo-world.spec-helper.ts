// The location-shift world of Perdomo, Zrnic, Mendler-Dünner and Hardt (ICML 2020, Sec. 5):
// y = μ + ε·θ + noise, θ the deployed forecast. Built from the framework's own parts, registered
// as a plugin would register them: a constant public model (its bias is θ), followers whose
// decision is the forecast (their mean decision is θ, what linear-shift feeds back), and the
// scenario's linear-shift response.
import * as tf from "@equitable/core/tf";
import { z } from "zod";
import {
  agentIds, agentKinds, createRandom, modelKinds, type AgentKind, type AgentPopulation, type LivePopulation, type ModelKind, type Random, type TrainableModel,
} from "@equitable/core";
import { buildScenarioSchema, buildResponse, type Scenario, type World } from "@equitable/scenario";
import "./register-builtins.spec-helper.js";

let instances = 0;

/** ŷ = b for every input: the "model whose bias absorbs the shift" of the closed form. */
function createConstant(spec: { kind: string; window: number; horizon: number }, _rng: Random): TrainableModel {
  const initial = tf.zeros([spec.horizon]);
  const b = tf.variable(initial, true, `constant/b#${++instances}`);
  initial.dispose();
  const forward = (x: tf.Tensor2D): tf.Tensor2D => tf.add(tf.zeros([x.shape[0], spec.horizon]), b) as tf.Tensor2D;
  return {
    kind: "constant", window: spec.window, horizon: spec.horizon, spec, variables: [b], forward,
    predict: (x, batch) => tf.tidy(() => forward(tf.tensor2d(x, [batch, spec.window])).dataSync() as Float32Array),
    dispose: () => b.dispose(),
  };
}

const constantKind: ModelKind = {
  kind: "constant",
  description: "ŷ = b (a constant forecast, starting at 0)",
  fields: z.object({}),
  spec: (_m, { window, horizon }) => ({ kind: "constant", window, horizon }),
  specProblem: () => undefined,
  create: createConstant,
};

/** Followers: each decides a = ŷ₀ and pays (a − y)², so regret is the squared forecast error and the mean decision is θ. */
function followers(m: number, ids: readonly string[]): AgentPopulation {
  return {
    kind: "follower", ids, xiWidth: 1, differentiable: false,
    regrets(forecast, truth, _xi, batch) {
      const out = new Float64Array(batch * m);
      const h = forecast.length / Math.max(batch, 1);
      for (let b = 0; b < batch; b++) for (let j = 0; j < m; j++) out[b * m + j] = (forecast[b * h] - truth[b * h]) ** 2;
      return out;
    },
  };
}

function followersLive(m: number, ids: readonly string[], truth: (k: number) => number, ticks: number): LivePopulation {
  const none = new Float64Array(0);
  return {
    kind: "follower", ids, stateWidth: 0, decisionWidth: 1, ticks,
    initialState: () => none,
    step: (_s, _t, forecast) => ({ state: none, decision: new Float64Array(m).fill(forecast[0]) }),
    cost: (decision, tick) => decision.map((a) => (a - truth(tick)) ** 2),
    regrets(from, to, decisions) {
      const out = new Float64Array(m);
      for (let k = from; k < to; k++) for (let j = 0; j < m; j++) out[j] += (decisions[(k - from) * m + j] - truth(k)) ** 2;
      return out;
    },
    load: (decision) => decision.reduce((s, a) => s + a, 0) / m,
    violation: () => undefined,
  };
}

const followerKind: AgentKind = {
  type: "follower",
  description: "decides the forecast itself; pays its squared error (the Perdomo anchor)",
  fields: z.object({ count: z.number().int().positive() }).strict(),
  loads: true,
  population: (g, { ids }) => followers(g.count, ids),
  build: () => {
    throw new Error("the Perdomo world is built by perdomoWorld()");
  },
};

/** Registers the constant model and the followers (idempotent). */
export function registerPerdomoKinds(): void {
  modelKinds.register(constantKind, "perdomo spec");
  agentKinds.register(followerKind, "perdomo spec");
}

/** The anchor's world: `hours` of y₀ = μ + N(0, noise²) (seeded), window 1, horizon 1, all rows live; and its scenario with linear-shift ε. */
export function perdomoWorld(options: { epsilon: number; mu: number; noise: number; hours: number; seed: number }): { scenario: Scenario; world: World; baseline: Float64Array } {
  registerPerdomoKinds();
  const scenario = buildScenarioSchema().parse({
    name: "perdomo", seed: options.seed, data: { source: "synthetic", hours: options.hours }, window: 1, horizon: 1,
    agents: [{ type: "follower", count: 2 }], model: { kind: "constant" }, methods: ["plain"],
    feedback: { model: "linear-shift", epsilon: options.epsilon },
  });
  const rng = createRandom(options.seed);
  const signal = Float64Array.from({ length: options.hours }, () => options.mu + options.noise * rng.normal());
  const size = options.hours - 1;
  const t = Int32Array.from({ length: size }, (_, i) => i + 1);
  const x = Float32Array.from(t, (h) => signal[h - 1]);
  const y = Float32Array.from(t, (h) => signal[h]);
  // The baseline as the float32 series holds it: what the loop reads back.
  const baseline = Float64Array.from({ length: options.hours }, (_, h) => (h === 0 ? x[0] : y[h - 1]));
  const ids = agentIds("perdomo", "follower", 2, undefined, "followers");
  const series = { size, window: 1, horizon: 1, agents: 2, xiWidth: 1, t, x, y, xi: new Float32Array(size * 2) };
  const rows = Int32Array.from({ length: size }, (_, i) => i);
  const world: World = {
    series, train: rows, test: rows, population: followers(2, ids), quirks: {}, spread: {},
    groups: [{ population: followers(2, ids), column: 0, live: (s, r) => followersLive(2, ids, (k) => s.y[r[k]], r.length) }],
    dispose: () => {},
  };
  return { scenario, world, baseline };
}

export { buildResponse };
