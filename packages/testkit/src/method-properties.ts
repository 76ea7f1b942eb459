import * as tf from "@equitable/core/tf";
import type { TrainingObjective } from "@equitable/core";
import type { ConformanceCheck } from "./conformance-failure.js";
import type { Verdict } from "./float-checks.js";
import { gradientsOf, meansOf, objectiveOf, readsGradients, type AnyMethod, type MethodCase } from "./method-case.js";

/** The option no method has: `jobs` must refuse it naming it, and `params` an objective carrying it. */
export const UNKNOWN_OPTION = "notAnOption";

/** Step of the central differences, relative to the regret it moves (regrets are ≥ 0.01 and 0.01 apart, so it crosses no kink). */
export const FINITE_DIFFERENCE_STEP = 1e-6;

/** Tolerances the verdicts read. */
export interface MethodTolerances {
  /** tensorLoss (float32) against value (float64), relative to |value|. */
  readonly tensor: number;
  /** weights against central differences of value, relative to the largest of either. */
  readonly derivative: number;
}

/** One check of a training method, run as its own fast-check property over {@link MethodCase}s. */
export interface MethodProperty {
  readonly name: ConformanceCheck;
  applies(method: AnyMethod): boolean;
  verdict(method: AnyMethod, c: MethodCase, tol: MethodTolerances): Verdict;
}

const list = (v: ArrayLike<number>) => `[${Array.from(v).join(", ")}]`;

/** Bit-for-bit equality of two results (NaN equals NaN, −0 differs from 0): what "the same bytes" means. */
function sameBits(a: unknown, b: unknown): boolean {
  if (a instanceof Float64Array && b instanceof Float64Array) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  return Object.is(a, b);
}

/** The method's L and ∂L/∂x at x (agent means or sample regrets), or why it cannot be read. */
function lossOf(method: AnyMethod, c: MethodCase, o: TrainingObjective): { x: Float64Array; value(x: Float64Array): number; weights(x: Float64Array): unknown } | string {
  if (method.perSample) {
    const ps = method.perSample;
    const g = readsGradients(method, o) ? gradientsOf(c) : undefined;
    return {
      x: c.values.slice(),
      value: (x) => ps.value(x, c.rows, c.agents, o),
      weights: (x) => ps.weights(x, c.rows, c.agents, o, g),
    };
  }
  if (typeof method.value !== "function" || typeof method.weights !== "function") return "has neither `value` and `weights` nor a `perSample` form";
  return { x: meansOf(c), value: (x) => method.value!(x, o), weights: (x) => method.weights!(x, o) };
}

/** Shape and finiteness of weights: a Float64Array with one finite number per mean (or sample). */
function weightsProblem(w: unknown, n: number): string | undefined {
  if (!(w instanceof Float64Array)) return `weights returned ${Object.prototype.toString.call(w)}, expected a Float64Array`;
  if (w.length !== n) return `weights returned ${w.length} values for ${n} regrets`;
  const i = w.findIndex((v) => !Number.isFinite(v));
  return i < 0 ? undefined : `weights[${i}] is ${w[i]}`;
}

/** Runs `verdict` on the case's objective, or says why the case has none (jobs threw, params refuse the job). */
function withObjective(method: AnyMethod, c: MethodCase, verdict: (o: TrainingObjective) => Verdict): Verdict {
  const o = objectiveOf(method, c);
  return typeof o === "string" ? o : verdict(o);
}

const messageOf = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split("\n")[0];

/** Every property of a method, in the order they run and print. */
export const METHOD_PROPERTIES: readonly MethodProperty[] = [
  {
    // (c) A typo in `methodOptions.<name>` or an objective must be refused naming it, not ignored.
    name: "options-name-field",
    applies: () => true,
    verdict(method, c) {
      const field = `methodOptions.${method.name}`;
      let accepted = false;
      try {
        method.jobs({ ...c.settings, options: { [UNKNOWN_OPTION]: 1 } });
        accepted = true;
      } catch (err) {
        const e = err as { name?: unknown; message?: unknown };
        if (e?.name !== "InputError") return `jobs refused ${field}.${UNKNOWN_OPTION} with ${messageOf(err)}, expected an InputError (exit 2); parseMethodOptions of @equitable/trainer throws one`;
        const message = String(e.message);
        if (!message.includes(field) || !message.includes(UNKNOWN_OPTION)) return `jobs refused ${field}.${UNKNOWN_OPTION} with "${message}", which does not name ${field} and ${UNKNOWN_OPTION}`;
      }
      if (accepted) return `jobs accepted ${field}.${UNKNOWN_OPTION}: validate the options (parseMethodOptions of @equitable/trainer with a strict zod object) so a misspelt option is refused naming it`;
      return withObjective(method, c, (o) => {
        const parsed = method.params.safeParse({ ...o, [UNKNOWN_OPTION]: 1 });
        if (parsed.success) return `params accepted an objective with the unknown field ${UNKNOWN_OPTION}: make them a strict zod object`;
        const named = parsed.error.issues.some((i) =>
          i.path.includes(UNKNOWN_OPTION) || ((i as { keys?: string[] }).keys ?? []).includes(UNKNOWN_OPTION));
        return named ? undefined : `params refused an objective with the unknown field ${UNKNOWN_OPTION} without naming it: ${parsed.error.issues[0].message}`;
      });
    },
  },
  {
    // (d) Seeded runs repeat only if a method is a pure function of its inputs.
    name: "deterministic",
    applies: () => true,
    verdict(method, c) {
      const jobs = JSON.stringify(method.jobs(c.settings));
      const again = JSON.stringify(method.jobs(c.settings));
      if (jobs !== again) return `jobs gave ${jobs} on one call, ${again} on the next`;
      return withObjective(method, c, (o) => {
        const loss = lossOf(method, c, o);
        if (typeof loss === "string") return loss;
        const x = loss.x.slice();
        const v1 = loss.value(x);
        const w1 = loss.weights(x);
        if (!x.every((v, i) => Object.is(v, loss.x[i]))) return `value or weights changed their input: ${list(loss.x)} became ${list(x)}`;
        const v2 = loss.value(x);
        const w2 = loss.weights(x);
        if (!sameBits(v1, v2)) return `value gave ${v1} on one call, ${v2} on the next`;
        const wrong = weightsProblem(w1, x.length);
        if (wrong) return wrong;
        if (!sameBits(w1, w2)) return `weights gave ${list(w1 as Float64Array)} on one call, ${list(w2 as Float64Array)} on the next`;
        return undefined;
      });
    },
  },
  {
    // (a) The chain rule descends tensorLoss while tables report value: they must be one L.
    name: "tensor-loss-matches-value",
    applies: (m) => typeof m.tensorLoss === "function" && typeof m.value === "function",
    verdict(method, c, tol) {
      return withObjective(method, c, (o) => {
        const means = meansOf(c);
        const value = method.value!(means, o);
        const tensor = tf.tidy(() => method.tensorLoss!(tf.tensor1d(Float32Array.from(means)), o).dataSync()[0]);
        // float32 rounds to ~1e-7 per op; the floor keeps a value of 0 from demanding exact zeros.
        if (Math.abs(tensor - value) <= tol.tensor * Math.max(Math.abs(value), 1e-6)) return undefined;
        return `tensorLoss gives ${tensor}, value ${value} (relative tolerance ${tol.tensor})`;
      });
    },
  },
  {
    // (b) Every step descends Σ weights·C: weights that are not ∂value/∂C train toward another L.
    name: "weights-match-value",
    applies: (m) => (typeof m.value === "function" && typeof m.weights === "function") || m.perSample !== undefined,
    verdict(method, c, tol) {
      return withObjective(method, c, (o) => {
        if (readsGradients(method, o)) return undefined; // a reweighting (IRW): its weights are not ∂value/∂C by design
        const loss = lossOf(method, c, o);
        if (typeof loss === "string") return loss;
        const w = loss.weights(loss.x.slice());
        const wrong = weightsProblem(w, loss.x.length);
        if (wrong) return wrong;
        const weights = w as Float64Array;
        const fd = new Float64Array(loss.x.length);
        for (let j = 0; j < fd.length; j++) {
          const h = FINITE_DIFFERENCE_STEP * Math.max(1, Math.abs(loss.x[j]));
          const up = loss.x.slice();
          const down = loss.x.slice();
          up[j] += h;
          down[j] -= h;
          fd[j] = (loss.value(up) - loss.value(down)) / (2 * h);
        }
        let scale = 1e-8;
        for (let j = 0; j < fd.length; j++) scale = Math.max(scale, Math.abs(fd[j]), Math.abs(weights[j]));
        const j = weights.findIndex((v, k) => !(Math.abs(v - fd[k]) <= tol.derivative * scale));
        if (j < 0) return undefined;
        const at = method.perSample ? `sample ${Math.floor(j / c.agents)}, agent ${j % c.agents}` : `agent ${j}`;
        return `${at}: weights gives ${weights[j]}, the central difference of value ${fd[j]} (weights ${list(weights)}, differences ${list(fd)}; relative tolerance ${tol.derivative})`;
      });
    },
  },
];
