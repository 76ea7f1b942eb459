import { lastValueFrom, tap } from "rxjs";
import * as tf from "@equitable/core/tf";
import {
  MixedPopulation, createRandom, isDifferentiable, methodRoutes, populationParts, trainingMethods,
  type AgentPopulation, type ContextSeries, type TrainingObjective,
} from "@equitable/core";
import { trainPublicModel, type PolicyGradientOptions } from "@equitable/trainer";
import type { AuditAgents } from "./audit-agents.js";
import { xiOfRows } from "./audit-agents.js";
import type { RecalibrationSettings } from "./audit-scenario.js";
import type { DecisionPlan } from "./decisions.js";
import type { ForecastSource } from "./audit-forecast.js";
import { RecalibrationLayer } from "./recalibration-layer.js";

/** Progress of a recalibration: one event per trained epoch. */
export interface RecalibrationEvent {
  readonly type: "recalibration-epoch";
  readonly label: string;
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  /** tfjs tensors alive after the epoch (flat when nothing leaks). */
  readonly numTensors: number;
}

/** One trained recalibration: its method, seed, the agents it trained on, and its forecasts of every planned decision. */
export interface RecalibratedForecast extends ForecastSource {
  readonly method: string;
  readonly seed: number;
  /** Agents whose regrets the method saw ("all", or the differentiable kinds' for chain-rule-only methods such as IRW). */
  readonly trainedOn: string;
  /** Mean training loss of the last epoch. */
  readonly loss: number;
}

/** Rows of the plan in its first `fraction` of decision days (train) and in the rest (test): a chronological split. */
export function splitByDays(plan: DecisionPlan, fraction: number): { train: Int32Array; test: Int32Array; cutDay: string } {
  const cut = Math.max(1, Math.min(plan.days.length - 1, Math.round(plan.days.length * fraction)));
  const all = Int32Array.from({ length: plan.rows }, (_, r) => r);
  return { train: all.filter((r) => plan.day[r] < cut), test: all.filter((r) => plan.day[r] >= cut), cutDay: plan.days[cut] };
}

const POLICY_GRADIENT: PolicyGradientOptions = {
  route: "auto", estimator: "reinforce-baseline", samples: 8, baseline: "leave-one-out", std: { kind: "fixed", value: 0.5 },
};

function objectiveOf(method: string, s: RecalibrationSettings, alpha: number): TrainingObjective {
  const m = trainingMethods.require(method, "recalibration.methods");
  const raw: Record<string, unknown> = { method };
  if (method === "equitable") raw.q = s.q;
  // β where the method has one (the built-in regret methods do; a plug-in's may not).
  const shape = (m.params as unknown as { shape?: Record<string, unknown> }).shape;
  if (m.usesRegrets && shape && "beta" in shape) raw.beta = s.beta;
  if (method === "irw" || method === "irwo" || method === "cvar") raw.alpha = alpha;
  // Per-sample gradients over the whole layer: it has no separate last layer.
  if (method === "irw" || method === "irwo") raw.gradients = "full";
  return m.params.parse(raw) as TrainingObjective;
}

/**
 * Equitable recalibration: trains a {@link RecalibrationLayer} on the first `trainFraction` of decision
 * days (chronological) with each method and seed (Plain PM on MSE, the Equitable Objective of Eq. 2 at the paper's q, exponent q + 1, IRW…) through
 * the framework's trainer, and returns each as a forecast source of every planned decision. Signals are
 * divided by `scale` for training (regrets are linear in the signal for the built-in kinds). A method
 * without a policy-gradient route trains on the differentiable kinds' regrets only (`trainedOn` says so).
 */
export async function recalibrate(
  plan: DecisionPlan,
  agents: AuditAgents,
  settings: RecalibrationSettings,
  opts: { readonly alpha: number; readonly scale?: number; readonly onEvent?: (e: RecalibrationEvent) => void },
): Promise<{ forecasts: RecalibratedForecast[]; train: Int32Array; test: Int32Array; cutDay: string }> {
  const { train, test, cutDay } = splitByDays(plan, settings.trainFraction);
  const h = plan.steps;
  let mean = 0;
  for (const r of train) for (let k = 0; k < h; k++) mean += plan.truth[r * h + k];
  // Signals of order 10 keep Adam's steps and the policy's σ = 0.5 on the scale the trainer is tuned for.
  const scale = opts.scale ?? mean / (train.length * h) / 10;
  const x = new Float32Array(plan.rows * 2 * h);
  const y = new Float32Array(plan.rows * h);
  for (let r = 0; r < plan.rows; r++) {
    for (let k = 0; k < h; k++) {
      x[r * 2 * h + k] = plan.published[r * h + k] / scale;
      x[r * 2 * h + h + k] = plan.persistence[r * h + k] / scale;
      y[r * h + k] = plan.truth[r * h + k] / scale;
    }
  }
  const xiAll = xiOfRows(agents, plan.day);
  const series = (population: AgentPopulation, xi: Float32Array): ContextSeries => ({
    size: plan.rows, window: 2 * h, horizon: h, agents: population.ids.length, xiWidth: population.xiWidth,
    t: Int32Array.from(plan.day, (d) => 24 * d), x, y, xi,
  });
  const forecasts: RecalibratedForecast[] = [];
  // Plain first, so that warm-started methods begin from the same seed's Plain layer.
  const order = [...settings.methods].sort((a, b) => Number(b === "plain") - Number(a === "plain"));
  const plainWeights = new Map<number, Float32Array[]>();
  for (const method of order) {
    const objective = objectiveOf(method, settings, opts.alpha);
    const m = trainingMethods.require(method, "recalibration.methods");
    const routes = methodRoutes(m);
    const { population, xi, trainedOn } = routes.includes("policy-gradient")
      ? { population: agents.population, xi: xiAll, trainedOn: "all" }
      : differentiableOnly(agents, xiAll, plan.rows);
    const warm = settings.warmStart && method !== "plain";
    const learningRate = warm ? (settings.fineTuneLearningRate ?? settings.learningRate / 5) : settings.learningRate;
    for (const seed of settings.seeds) {
      const label = `${method}-seed${seed}`;
      const layer = new RecalibrationLayer(h);
      if (warm) tf.tidy(() => layer.variables.forEach((v, k) => v.assign(tf.tensor1d(plainWeights.get(seed)![k]))));
      let loss = Number.NaN;
      try {
        await lastValueFrom(
          trainPublicModel({
            model: layer,
            series: series(population, xi),
            rows: train,
            population,
            objective,
            options: { epochs: settings.epochs, batchSize: settings.batchSize, learningRate, lrStepEpochs: settings.epochs, lrGamma: 1, clipNorm: 5 },
            rng: createRandom(seed).fork(`recalibration/${method}`),
            policyGradient: POLICY_GRADIENT,
          }).pipe(tap((e) => {
            if (e.type !== "epoch") return;
            loss = e.loss;
            opts.onEvent?.({ type: "recalibration-epoch", label, epoch: e.epoch, epochs: e.epochs, loss: e.loss, numTensors: e.numTensors });
          })),
          { defaultValue: undefined },
        );
        if (method === "plain") plainWeights.set(seed, layer.variables.map((v) => v.dataSync() as Float32Array));
        const predicted = layer.predict(x, plan.rows);
        const values = Float64Array.from(predicted, (v) => v * scale);
        forecasts.push({
          name: label, method, seed, trainedOn: warm ? `${trainedOn}, from the Plain layer` : trainedOn, loss,
          forecast: (_p, rows) => (rows ? pickRows(values, h, rows) : values),
        });
      } finally {
        layer.dispose();
      }
    }
  }
  // Reported in the scenario's order of methods.
  forecasts.sort((a, b) => settings.methods.indexOf(a.method) - settings.methods.indexOf(b.method));
  return { forecasts, train, test, cutDay };
}

function pickRows(values: Float64Array, steps: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * steps);
  rows.forEach((r, i) => out.set(values.subarray(r * steps, (r + 1) * steps), i * steps));
  return out;
}

/** The differentiable kinds' agents and their ξ columns, for methods trained by the chain rule alone. */
function differentiableOnly(agents: AuditAgents, xi: Float32Array, rows: number): { population: AgentPopulation; xi: Float32Array; trainedOn: string } {
  const every = populationParts(agents.population);
  const parts = every.filter((p) => isDifferentiable(p.population));
  if (parts.length === every.length) return { population: agents.population, xi, trainedOn: "all" };
  if (parts.length === 0) throw new TypeError("recalibration: a chain-rule-only method needs some differentiable agents");
  const population = parts.length === 1 ? parts[0].population : new MixedPopulation(parts.map((p) => p.population));
  const m = agents.population.ids.length;
  const wAll = agents.population.xiWidth;
  const w = population.xiWidth;
  const mm = population.ids.length;
  const out = new Float32Array(rows * mm * w);
  for (let r = 0; r < rows; r++) {
    let col = 0;
    for (const p of parts) {
      for (let a = 0; a < p.count; a++, col++) {
        for (let f = 0; f < p.population.xiWidth; f++) out[(r * mm + col) * w + f] = xi[(r * m + p.first + a) * wAll + f];
      }
    }
  }
  const kinds = [...new Set(parts.map((p) => p.population.kind))].join(", ");
  return { population, xi: out, trainedOn: `${kinds} agents only (no policy-gradient route)` };
}
