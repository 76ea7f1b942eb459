import * as tf from "@equitable/core/tf";
import { from, lastValueFrom, tap, toArray } from "rxjs";
import { createRandom, type LivePopulation, type TrainingObjective, trainingMethods } from "@equitable/core";
import { createModel, type TrainableModel } from "@equitable/model";
import { modelSpecOf, type Scenario, type World } from "@equitable/scenario";
import { actStatefully, deployModels, forecastStream, mixedLive, simulationClock, statelessLive, windowRegrets, type SimTick } from "@equitable/simulator";
import { trainToEnd } from "@equitable/trainer";

/** How the operator retrains a deployed model: every `every` simulated hours, `epochs` epochs on the rows whose truth has arrived. */
export interface LiveRetraining {
  readonly every: number;
  readonly epochs: number;
}

/** One deployment simulated over the live period. */
export interface DeploymentResult {
  readonly label: string;
  /** Days × M: each agent's stateful regret per simulated day (24 ticks; the last day may be shorter). */
  readonly daily: Float64Array[];
  /** Hour (signal axis) each day starts at. */
  readonly dayHours: number[];
  /** Model versions: when each was deployed. */
  readonly versions: { version: number; tick: number; hour: number }[];
  readonly wallSeconds: number;
}

/** The world's agents deployed over `rows`: stateful kinds as their kind deploys them, stateless ones tick by tick. */
export function livePopulationOf(world: World, rows: Int32Array): LivePopulation {
  const parts = world.groups.map((g) => (g.live ? g.live(world.series, rows, g.column) : statelessLive(g.population, world.series, rows, g.column)));
  return parts.length === 1 ? parts[0] : mixedLive(parts);
}

/** Copies a model's weights into a fresh one of the same architecture. */
function cloneModel(scenario: Scenario, model: TrainableModel): TrainableModel {
  const copy = createModel(modelSpecOf(scenario), createRandom(0));
  copy.variables.forEach((v, k) => v.assign(model.variables[k]));
  return copy;
}

/**
 * Simulates one deployment of `model` over the live period `rows` (consecutive hours, in order):
 * the clock ticks each hour, the deployed model forecasts, the agents act and carry their state,
 * each day's regrets are priced against the hindsight optimum. With `retraining`, the operator
 * fine-tunes a copy of the deployed model every `every` hours on the train split plus the live rows
 * whose truth has fully arrived, with the model's own objective, and deploys it one hour later.
 */
export async function simulateDeployment(args: {
  scenario: Scenario;
  world: World;
  rows: Int32Array;
  model: TrainableModel;
  label: string;
  objective: TrainingObjective;
  seed: number;
  retraining?: LiveRetraining;
  onTick?: (tick: SimTick, version: number) => void;
}): Promise<DeploymentResult> {
  const { scenario, world, rows, label, objective, seed, retraining } = args;
  const { series } = world;
  const live = livePopulationOf(world, rows);
  const hours = Array.from(rows, (r) => series.t[r]);
  const started = performance.now();
  const h = series.horizon;
  const chunk = retraining?.every ?? 24 * 7;
  // Forecasts of one version over a block of ticks in one forward pass: the model is fixed between swaps.
  let cache: { version: number; from: number; values: Float32Array } | undefined;
  const forecast = (model: TrainableModel, tick: SimTick, version: number): Float64Array => {
    if (!cache || cache.version !== version || tick.index < cache.from || tick.index >= cache.from + cache.values.length / h) {
      const to = Math.min(rows.length, tick.index + chunk);
      const x = new Float32Array((to - tick.index) * series.window);
      for (let k = tick.index; k < to; k++) x.set(series.x.subarray(rows[k] * series.window, (rows[k] + 1) * series.window), (k - tick.index) * series.window);
      const values = tf.tidy(() => model.forward(tf.tensor2d(x, [to - tick.index, series.window])).dataSync() as Float32Array);
      cache = { version, from: tick.index, values };
    }
    const at = (tick.index - cache.from) * h;
    return Float64Array.from(cache.values.subarray(at, at + h));
  };
  const owned: TrainableModel[] = [];
  const versions: DeploymentResult["versions"] = [{ version: 0, tick: 0, hour: hours[0] }];
  const usesRegrets = trainingMethods.require(objective.method, "methods").usesRegrets;
  const t = scenario.training;
  const cadence = retraining && {
    every: retraining.every,
    retrain: (tick: SimTick, current: TrainableModel) => {
      const copy = cloneModel(scenario, current);
      owned.push(copy);
      // Row k's truths cover hours k … k + H − 1: known once the clock has passed them.
      const known = Math.max(0, tick.index - h + 1);
      const trainRows = new Int32Array(world.train.length + known);
      trainRows.set(world.train);
      trainRows.set(rows.subarray(0, known), world.train.length);
      return from(trainToEnd({
        model: copy, series, rows: trainRows, population: world.population, objective,
        options: { ...t, epochs: retraining.epochs, learningRate: usesRegrets ? (t.equitableLearningRate ?? t.learningRate) : t.learningRate },
        rng: createRandom(`${seed}/retrain/${label}/${tick.index}`),
        policyGradient: t.policyGradient,
      }).then(() => copy));
    },
  };
  try {
    const days = await lastValueFrom(
      simulationClock(hours).pipe(
        deployModels(args.model, cadence),
        tap((d) => {
          if (d.version !== versions[versions.length - 1].version) versions.push({ version: d.version, tick: d.tick.index, hour: d.tick.hour });
          args.onTick?.(d.tick, d.version);
        }),
        forecastStream(forecast),
        actStatefully(live),
        windowRegrets(live, 24),
        toArray(),
      ),
    );
    return { label, daily: days.map((d) => d.regrets), dayHours: days.map((d) => d.hour), versions, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    for (const m of owned) m.dispose();
  }
}
