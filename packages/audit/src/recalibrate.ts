import { lastValueFrom, tap } from "rxjs";
import * as tf from "@equitable/core/tf";
import {
  MixedPopulation, createRandom, worstAlpha, isDifferentiable, methodRoutes, populationParts, trainingMethods,
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
  /** The setting chosen on the validation days and retrained on all training days. */
  readonly setting: RecalibrationSetting;
  /** Mean training loss of the last epoch. */
  readonly loss: number;
}

/** Rows of the plan in its first `fraction` of decision days (train) and in the rest (test): a chronological split. */
export function splitByDays(plan: DecisionPlan, fraction: number): { train: Int32Array; test: Int32Array; cutDay: string } {
  const cut = Math.max(1, Math.min(plan.days.length - 1, Math.round(plan.days.length * fraction)));
  const all = Int32Array.from({ length: plan.rows }, (_, r) => r);
  return { train: all.filter((r) => plan.day[r] < cut), test: all.filter((r) => plan.day[r] >= cut), cutDay: plan.days[cut] };
}

/** One candidate setting of a method's grid. */
export interface RecalibrationSetting {
  /** The Equitable Objective's q (the paper's q: the exponent is q + 1); null for other methods. */
  readonly q: number | null;
  /** β of (1 − β)·L + β·MSE; null for a method without one (Plain). */
  readonly beta: number | null;
  /** Starts from the same seed's Plain layer (trained on the same rows) rather than from the published forecast. */
  readonly warmStart: boolean;
  readonly epochs: number;
}

/** How one method's setting was chosen for one seed, on the validation days only. */
export interface RecalibrationSelection {
  readonly method: string;
  readonly seed: number;
  /** "MSE" (Plain: against the outturn) or "worst-α regret" (regret methods: all agents' mean regrets). */
  readonly criterion: "MSE" | "worst-α regret";
  /** Every candidate with its validation figure (lower is better), in grid order. */
  readonly candidates: readonly { readonly setting: RecalibrationSetting; readonly validation: number }[];
  /** Index of the chosen candidate: the lowest validation figure, the first on ties. */
  readonly chosen: number;
}

/** The inner-training rows (the first training days) and the validation rows (the last `fraction` of the training days). */
export function splitTrainingDays(plan: DecisionPlan, train: Int32Array, fraction: number): { inner: Int32Array; validation: Int32Array; firstValidationDay: string } {
  const trainDays = train.length === 0 ? 0 : plan.day[train[train.length - 1]] + 1;
  if (trainDays < 2) throw new TypeError("recalibration: a validation split needs at least 2 training days");
  const cut = Math.max(1, Math.min(trainDays - 1, trainDays - Math.round(trainDays * fraction)));
  return { inner: train.filter((r) => plan.day[r] < cut), validation: train.filter((r) => plan.day[r] >= cut), firstValidationDay: plan.days[cut] };
}

/** A method's candidate settings: the product of its grid's q (equitable only), β (methods with one) and warm-start lists. */
export function candidateSettings(method: string, s: RecalibrationSettings): RecalibrationSetting[] {
  const g = s.grid?.[method] ?? {};
  const m = trainingMethods.require(method, "recalibration.methods");
  const shape = (m.params as unknown as { shape?: Record<string, unknown> }).shape;
  const hasBeta = m.usesRegrets && shape !== undefined && "beta" in shape;
  const qs = method === "equitable" ? (g.q ?? [s.q]) : [null];
  const betas = hasBeta ? (g.beta ?? [s.beta]) : [null];
  const warms = method === "plain" ? [false] : (g.warmStart ?? [s.warmStart]);
  const epochs = g.epochs ?? s.epochs;
  return qs.flatMap((q) => betas.flatMap((beta) => warms.map((warmStart) => ({ q, beta, warmStart, epochs }))));
}

/** "q 2 (exponent 3), β 0.5, from Plain, 30 epochs": a setting as tables print it. */
export function describeSetting(c: RecalibrationSetting): string {
  return [
    c.q === null ? null : `q ${c.q} (exponent ${c.q + 1})`, c.beta === null ? null : `β ${c.beta}`,
    c.warmStart ? "from Plain" : "cold", `${c.epochs} epochs`,
  ].filter(Boolean).join(", ");
}

const POLICY_GRADIENT: PolicyGradientOptions = {
  route: "auto", estimator: "reinforce-baseline", samples: 8, baseline: "leave-one-out", std: { kind: "fixed", value: 0.5 },
};

function objectiveOf(method: string, c: RecalibrationSetting, alpha: number): TrainingObjective {
  const m = trainingMethods.require(method, "recalibration.methods");
  const raw: Record<string, unknown> = { method };
  if (c.q !== null) raw.q = c.q;
  if (c.beta !== null) raw.beta = c.beta;
  if (method === "irw" || method === "irwo" || method === "cvar") raw.alpha = alpha;
  // Per-sample gradients over the whole layer: it has no separate last layer.
  if (method === "irw" || method === "irwo") raw.gradients = "full";
  return m.params.parse(raw) as TrainingObjective;
}

/** Options of {@link recalibrate}. */
export interface RecalibrateOptions {
  readonly alpha: number;
  /** Signals are divided by it for training (default: a tenth of the training days' mean outturn). */
  readonly scale?: number;
  readonly onEvent?: (e: RecalibrationEvent) => void;
}

/**
 * Equitable recalibration: for each method and seed, trains every candidate setting of the method's grid
 * (see {@link candidateSettings}) as a {@link RecalibrationLayer} on the inner-training days, scores it on
 * the validation days (the last `validationFraction` of the training days) by the method's criterion
 * (Plain: MSE against the outturn; regret methods: worst-α of all agents' mean regrets), then retrains the
 * chosen setting on all training days (the first `trainFraction` of decision days) with the same seed and
 * returns it as a forecast source of every planned decision. Nothing of the test days is read before the
 * final layers predict them. Methods: Plain PM on MSE, the Equitable Objective of Eq. 2 at the grid's q
 * (exponent q + 1), IRW… through the framework's trainer. Warm-started candidates begin from the same seed's
 * chosen Plain layer trained on the same rows. A method without a policy-gradient route trains on the
 * differentiable kinds' regrets only (`trainedOn` says so).
 */
export async function recalibrate(
  plan: DecisionPlan,
  agents: AuditAgents,
  settings: RecalibrationSettings,
  opts: RecalibrateOptions,
): Promise<{
  forecasts: RecalibratedForecast[]; selections: RecalibrationSelection[];
  train: Int32Array; test: Int32Array; cutDay: string; inner: Int32Array; validation: Int32Array; firstValidationDay: string;
}> {
  const { train, test, cutDay } = splitByDays(plan, settings.trainFraction);
  const { inner, validation, firstValidationDay } = splitTrainingDays(plan, train, settings.validationFraction ?? 0.25);
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
  // Validation figures read the validation rows' outturns only.
  const valX = pickRows(Float64Array.from(x), 2 * h, validation);
  const valTruth = pickRows(plan.truth, h, validation);
  const valXi = xiOfRows(agents, Array.from(validation, (r) => plan.day[r]));
  const validate = (layer: RecalibrationLayer, criterion: RecalibrationSelection["criterion"]): number => {
    const f = Float64Array.from(layer.predict(Float32Array.from(valX), validation.length), (v) => v * scale);
    if (criterion === "MSE") {
      let e2 = 0;
      for (let i = 0; i < f.length; i++) e2 += (f[i] - valTruth[i]) ** 2;
      return e2 / f.length;
    }
    const regrets = agents.population.regrets(f, valTruth, valXi, validation.length);
    const m = agents.ids.length;
    const means = new Float64Array(m);
    for (let i = 0; i < validation.length; i++) for (let j = 0; j < m; j++) means[j] += regrets[i * m + j] / validation.length;
    return worstAlpha(means, opts.alpha);
  };
  const forecasts: RecalibratedForecast[] = [];
  const selections: RecalibrationSelection[] = [];
  // Plain first, so that warm-started candidates begin from the same seed's Plain layer.
  const order = [...settings.methods].sort((a, b) => Number(b === "plain") - Number(a === "plain"));
  const plainWeights = new Map<string, Float32Array[]>();
  for (const method of order) {
    const m = trainingMethods.require(method, "recalibration.methods");
    const routes = methodRoutes(m);
    const { population, xi, trainedOn } = routes.includes("policy-gradient")
      ? { population: agents.population, xi: xiAll, trainedOn: "all" }
      : differentiableOnly(agents, xiAll, plan.rows);
    const criterion: RecalibrationSelection["criterion"] = m.usesRegrets ? "worst-α regret" : "MSE";
    const candidates = candidateSettings(method, settings);
    for (const seed of settings.seeds) {
      // Trains one candidate on `rows`; `use` reads the trained layer before it is disposed.
      const fit = async <T>(c: RecalibrationSetting, rows: Int32Array, part: string, use: (layer: RecalibrationLayer, loss: number) => T): Promise<T> => {
        const label = `${method}-seed${seed}${part}`;
        const layer = new RecalibrationLayer(h);
        const warm = c.warmStart && method !== "plain";
        const learningRate = warm ? (settings.fineTuneLearningRate ?? settings.learningRate / 5) : settings.learningRate;
        try {
          if (warm) {
            const w = plainWeights.get(part === "" ? `${seed}` : `${seed}/inner`);
            if (!w) throw new TypeError("recalibration: a warm start needs \"plain\" among the methods");
            tf.tidy(() => layer.variables.forEach((v, k) => v.assign(tf.tensor1d(w[k]))));
          }
          let loss = Number.NaN;
          await lastValueFrom(
            trainPublicModel({
              model: layer,
              series: series(population, xi),
              rows,
              population,
              objective: objectiveOf(method, c, opts.alpha),
              options: { epochs: c.epochs, batchSize: settings.batchSize, learningRate, lrStepEpochs: c.epochs, lrGamma: 1, clipNorm: 5 },
              rng: createRandom(seed).fork(`recalibration/${method}`),
              policyGradient: POLICY_GRADIENT,
            }).pipe(tap((e) => {
              if (e.type !== "epoch") return;
              loss = e.loss;
              opts.onEvent?.({ type: "recalibration-epoch", label, epoch: e.epoch, epochs: e.epochs, loss: e.loss, numTensors: e.numTensors });
            })),
            { defaultValue: undefined },
          );
          return use(layer, loss);
        } finally {
          layer.dispose();
        }
      };
      const scored: { setting: RecalibrationSetting; validation: number }[] = [];
      const innerWeights: Float32Array[][] = [];
      for (const [k, c] of candidates.entries()) {
        scored.push({
          setting: c,
          validation: await fit(c, inner, `/candidate${k}`, (layer) => {
            if (method === "plain") innerWeights.push(layer.variables.map((v) => v.dataSync() as Float32Array));
            return validate(layer, criterion);
          }),
        });
      }
      let chosen = 0;
      scored.forEach((s, k) => { if (s.validation < scored[chosen].validation) chosen = k; });
      selections.push({ method, seed, criterion, candidates: scored, chosen });
      const c = candidates[chosen];
      if (method === "plain") {
        // Warm starts in selection begin from the chosen Plain layer trained on the same inner rows.
        plainWeights.set(`${seed}/inner`, innerWeights[chosen]);
      }
      const { values, loss } = await fit(c, train, "", (layer, l) => {
        if (method === "plain") plainWeights.set(`${seed}`, layer.variables.map((v) => v.dataSync() as Float32Array));
        return { values: Float64Array.from(layer.predict(x, plan.rows), (v) => v * scale), loss: l };
      });
      forecasts.push({
        name: `${method}-seed${seed}`, method, seed, setting: c, loss,
        trainedOn: c.warmStart && method !== "plain" ? `${trainedOn}, from the Plain layer` : trainedOn,
        forecast: (_p, rows) => (rows ? pickRows(values, h, rows) : values),
      });
    }
  }
  // Reported in the scenario's order of methods.
  const rank = (method: string) => settings.methods.indexOf(method);
  forecasts.sort((a, b) => rank(a.method) - rank(b.method));
  selections.sort((a, b) => rank(a.method) - rank(b.method));
  return { forecasts, selections, train, test, cutDay, inner, validation, firstValidationDay };
}

function pickRows(values: ArrayLike<number>, steps: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * steps);
  rows.forEach((r, i) => { for (let k = 0; k < steps; k++) out[i * steps + k] = values[r * steps + k]; });
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
