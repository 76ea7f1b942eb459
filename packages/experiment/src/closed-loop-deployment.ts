import * as tf from "@equitable/core/tf";
import { from, lastValueFrom, map, toArray } from "rxjs";
import { createRandom, InputError, mean, trainingMethods, variance, type Response, type TrainingObjective } from "@equitable/core";
import { createModel, type TrainableModel } from "@equitable/model";
import { modelSpecOf, type Scenario, type World } from "@equitable/scenario";
import { closedLoop, herding, hourlySignal, realisedSeries, simulationClock, type LoopTick } from "@equitable/simulator";
import { trainToEnd } from "@equitable/trainer";
import { livePopulationOf } from "./live-deployment.js";

/** How the operator runs the loop's rounds ({@link simulateClosedLoop}). */
export interface LoopRounds {
  /** Rounds played (≥ 1): deploy, act, realise, then retrain on what was observed and redeploy. */
  readonly rounds: number;
  /**
   * Ticks per round: round k plays window k mod W of the live period (W = ⌈n / every⌉), so the
   * rounds walk through time and wrap; default n, every round replays the whole period
   * (repeated risk minimisation, Perdomo et al. 2020).
   */
  readonly every?: number;
  /** Epochs of each retrain (default 2). */
  readonly epochs?: number;
  /** Training options of the retrains, over the scenario's (a schedule that converges for the Perdomo anchor). */
  readonly training?: Partial<Scenario["training"]>;
  /** Largest RMS distance between successive models' forecasts that counts as stable, signal units (default 0.05: 0.5 % of the [0, 10] scale). */
  readonly tolerance?: number;
}

/** What one round of a closed loop did. */
export interface RoundRow {
  readonly round: number;
  /** Live ticks [from, to) the round played. */
  readonly from: number;
  readonly to: number;
  /** Hour of the round's first tick on the signal's axis. */
  readonly hour: number;
  /** Model version that served (0 = the trained one, +1 per retrain). */
  readonly version: number;
  /** RMS difference between this round's model's forecasts and the previous round's, on the previous round's rows; null in round 0. */
  readonly distance: number | null;
  /** Mean over the round's ticks of the forecast's first step. */
  readonly forecastMean: number;
  /** Mean realised signal, and what history recorded, over the round's hours. */
  readonly signalMean: number;
  readonly baselineMean: number;
  /** Mean aggregate load per tick (the units the agents' kinds report). */
  readonly load: number;
  /** Share of load in each day's forecast-cheapest quarter of hours (0.25: spread evenly; 1: all there). */
  readonly herding: number;
  /** Each agent's mean daily price-taker ex-post regret on the realised signal (docs/closed-loop.md). */
  readonly regrets: Float64Array;
  readonly variance: number;
  readonly mean: number;
  readonly worst: number;
  readonly worstAgent: string;
}

/** One model deployed in a loop, round by round. */
export interface LoopResult {
  readonly label: string;
  /** Whether the agents' load moved the signal (closed loop) or the signal was history's (open loop). */
  readonly feedback: boolean;
  readonly rounds: RoundRow[];
  /** First round from which every distance to the previous model stays within the tolerance; null if none. */
  readonly stableFrom: number | null;
  readonly tolerance: number;
  readonly wallSeconds: number;
}

interface LoopTickIn {
  readonly index: number;
  readonly round: number;
  readonly live: number;
}

interface Observed {
  readonly live: number;
  readonly hour: number;
  readonly decision: Float64Array;
  readonly load: number;
  readonly forecast: number;
  readonly signal: number;
}

function cloneModel(scenario: Scenario, model: TrainableModel): TrainableModel {
  const copy = createModel(modelSpecOf(scenario), createRandom(0));
  copy.variables.forEach((v, k) => v.assign(model.variables[k]));
  return copy;
}

/** First round from which every later distance is within `tolerance`. */
export function stableFrom(rounds: readonly { distance: number | null }[], tolerance: number): number | null {
  let from: number | null = null;
  for (let r = 1; r < rounds.length; r++) {
    const d = rounds[r].distance;
    if (d !== null && d <= tolerance) from ??= r;
    else from = null;
  }
  return from;
}

/**
 * A closed loop over the live period `rows` (consecutive hours): each round the deployed model
 * forecasts hour by hour from the *realised* past, the agents act with state, their aggregate load
 * moves the hour's signal through `response` (none: history's signal, the open loop), each agent's
 * regret is priced on the realised signal (price-taker ex-post: its cost minus its best trajectory
 * on that same signal, the others' actions fixed), and the operator retrains a copy of the model
 * on the round's observed rows (features and truths of the realised signal) with the model's own
 * objective, deploying it for the next round. The cycle is {@link closedLoop}.
 */
export async function simulateClosedLoop(args: {
  scenario: Scenario;
  world: World;
  rows: Int32Array;
  model: TrainableModel;
  label: string;
  objective: TrainingObjective;
  seed: number;
  response: Response | undefined;
  loop: LoopRounds;
  onRound?: (row: RoundRow) => void;
}): Promise<LoopResult> {
  const { scenario, world, rows, label, objective, seed, response, loop } = args;
  const { series } = world;
  const n = rows.length;
  const every = loop.every ?? n;
  if (!(Number.isInteger(loop.rounds) && loop.rounds >= 1)) throw new InputError("rounds", `must be an integer ≥ 1, got ${loop.rounds}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new InputError("retrainEvery", `must be an integer ≥ 1 hour, got ${every}`);
  const windows = Math.ceil(n / every);
  const tolerance = loop.tolerance ?? 0.05;
  const started = performance.now();
  const w = series.window;
  const h = series.horizon;
  const baseline = hourlySignal(series);
  const realised = Float64Array.from(baseline);
  const acting = livePopulationOf(world, rows);
  if (response && !acting.load) throw new InputError("feedback", `the agents (${acting.kind}) report no load, so their actions cannot move the signal`);
  const m = acting.ids.length;
  const dw = acting.decisionWidth;
  const ticks: LoopTickIn[] = [];
  for (let r = 0; r < loop.rounds; r++) {
    const win = r % windows;
    for (let k = win * every; k < Math.min(n, (win + 1) * every); k++) ticks.push({ index: ticks.length, round: r, live: k });
  }
  const hourOf = (live: number) => series.t[rows[live]];
  const roundEnd = new Int32Array(loop.rounds);
  for (const u of ticks) roundEnd[u.round] = u.live;
  const out: RoundRow[] = [];
  const owned: TrainableModel[] = [];
  let state = acting.initialState();
  let previousLive = -2;
  let version = 0;
  let distance: number | null = null;
  const features = (model: TrainableModel, x: Float32Array, count: number): Float32Array =>
    tf.tidy(() => model.forward(tf.tensor2d(x, [count, w])).dataSync() as Float32Array);

  const measure = (round: number, observed: readonly Observed[]): void => {
    const pricing = livePopulationOf({ ...world, series: realisedSeries(series, realised) }, rows);
    const from = observed[0].live;
    const to = from + observed.length;
    const decisions = new Float64Array(observed.length * m * dw);
    observed.forEach((o, k) => decisions.set(o.decision, k * m * dw));
    const perAgent = new Float64Array(m);
    const days = Math.ceil(observed.length / 24);
    for (let d = 0; d < days; d++) {
      const a = from + d * 24;
      const b = Math.min(to, a + 24);
      const r = pricing.regrets(a, b, decisions.subarray((a - from) * m * dw, (b - from) * m * dw));
      for (let j = 0; j < m; j++) perAgent[j] += r[j] / days;
    }
    let worstAgent = 0;
    for (let j = 1; j < m; j++) if (perAgent[j] > perAgent[worstAgent]) worstAgent = j;
    const row: RoundRow = {
      round, from, to, hour: observed[0].hour, version, distance,
      forecastMean: mean(observed.map((o) => o.forecast)),
      signalMean: mean(observed.map((o) => o.signal)),
      baselineMean: mean(observed.map((o) => baseline[o.hour])),
      load: mean(observed.map((o) => o.load)),
      herding: herding(observed.map((o) => o.load), observed.map((o) => o.forecast)),
      regrets: perAgent, variance: variance(perAgent), mean: mean(perAgent), worst: perAgent[worstAgent], worstAgent: acting.ids[worstAgent],
    };
    out.push(row);
    args.onRound?.(row);
  };

  const t = { ...scenario.training, ...loop.training };
  const usesRegrets = trainingMethods.require(objective.method, "methods").usesRegrets;
  const retrain = (round: number, current: TrainableModel, observed: readonly Observed[]) => {
    measure(round, observed);
    const realisedNow = realisedSeries(series, realised);
    const last = observed[observed.length - 1].hour;
    // Row k's truths cover hours t_k … t_k + H − 1: observed once the round has passed them all.
    const trainRows = Int32Array.from(observed.filter((o) => o.hour + h - 1 <= last).map((o) => rows[o.live]));
    if (trainRows.length === 0) throw new InputError("retrainEvery", `rounds of ${observed.length} hours leave no row whose ${h} truths were all observed: use rounds of at least ${h} hours`);
    const copy = cloneModel(scenario, current);
    owned.push(copy);
    return from(trainToEnd({
      model: copy, series: realisedNow, rows: trainRows, population: world.population, objective,
      options: { ...t, epochs: loop.epochs ?? 2, learningRate: usesRegrets ? (t.equitableLearningRate ?? t.learningRate) : t.learningRate },
      rng: createRandom(`${seed}/loop/${label}/${round}`),
      policyGradient: t.policyGradient,
    }).then(() => {
      // How far the redeployed model moved: both models on the rows just observed.
      const x = new Float32Array(trainRows.length * w);
      trainRows.forEach((r, k) => x.set(realisedNow.x.subarray(r * w, (r + 1) * w), k * w));
      const before = features(current, x, trainRows.length);
      const after = features(copy, x, trainRows.length);
      let sq = 0;
      for (let i = 0; i < after.length; i++) sq += (after[i] - before[i]) ** 2;
      distance = Math.sqrt(sq / after.length);
      version++;
      return copy;
    }));
  };

  const act = (tick: LoopTickIn, model: TrainableModel, round: number): Observed => {
    const hour = hourOf(tick.live);
    if (tick.live !== previousLive + 1) {
      // A round that replays or wraps starts from the agents' initial state, on history's signal for its hours.
      state = acting.initialState();
      for (let u = hour; u <= hourOf(roundEnd[round]); u++) realised[u] = baseline[u];
    }
    previousLive = tick.live;
    const forecast = Float64Array.from(features(model, Float32Array.from(realised.subarray(hour - w, hour)), 1));
    const step = acting.step(state, tick.live, forecast);
    state = step.state;
    const load = acting.load ? acting.load(step.decision, tick.live) : 0;
    let signal = baseline[hour];
    if (response) {
      signal = response.realise(hour, baseline[hour], load);
      if (!(Number.isFinite(signal) && signal >= 0)) {
        throw new InputError(`feedback.${response.blame}`, `makes the signal ${Number.isFinite(signal) ? "negative" : "non-finite"} (${signal}) at hour ${hour} (round ${round}, the agents' load ${load.toPrecision(4)}, history's signal ${baseline[hour].toPrecision(4)}): the realised signal must stay finite and ≥ 0`);
      }
    }
    realised[hour] = signal;
    return { live: tick.live, hour, decision: step.decision, load, forecast: forecast[0], signal };
  };

  try {
    const played: LoopTick<LoopTickIn, Observed>[] = await lastValueFrom(
      simulationClock(ticks.map((u) => hourOf(u.live))).pipe(
        // The clock's index is the tick's place in the loop; the loop reads its round and live tick.
        map((c) => ticks[c.index]),
        closedLoop<LoopTickIn, TrainableModel, Observed>(args.model, { roundOf: (u) => u.round, act, retrain }),
        toArray(),
      ),
    );
    const lastRound = played[played.length - 1].round;
    measure(lastRound, played.filter((p) => p.round === lastRound).map((p) => p.observed));
    return { label, feedback: response !== undefined, rounds: out, stableFrom: stableFrom(out, tolerance), tolerance, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    for (const model of owned) model.dispose();
  }
}
