// Deliberately broken agent kinds (specs only): each must be caught by the kind check meant for it.
import fc from "fast-check";
import type { AgentGroupFields, AgentKind, AgentKindCheck, AgentPopulation, DecisionHooks } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";
import { evKind } from "@equitable/agents-ev";
import { phoneKind } from "@equitable/agents-phone";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = AgentKind<any>;
type Regrets = (f: ArrayLike<number>, t: ArrayLike<number>, xi: ArrayLike<number>, b: number) => Float64Array;

/** `base` under another type, with its check's parts replaced. */
function variant(base: AnyKind, type: string, check: Partial<AgentKindCheck<AgentGroupFields>> | undefined, population?: (p: AgentPopulation) => AgentPopulation): AnyKind {
  return {
    ...base,
    type,
    check: check && { ...base.check!, ...check },
    population: (group: AgentGroupFields, facts: { horizon: number; ids: readonly string[] }) => {
      const p = base.population(group, facts);
      return population ? population(p) : p;
    },
  };
}

function withDecide(base: AnyKind, decide: DecisionHooks<any>["decide"]): DecisionHooks<any> {
  return { ...base.check!.decisions!, decide };
}

/** Regrets computed by `change` from the real ones, as a black box that keeps the population's fields (slots, λ) for the hooks. */
const regretsBy = (change: (real: Regrets) => Regrets) => (p: AgentPopulation): AgentPopulation =>
  Object.assign(Object.create(p) as AgentPopulation, { differentiable: false, regrets: change((f, t, xi, b) => p.regrets(f, t, xi, b)) });

/** EVs whose schedule is shifted one step late: a slot outside the window, or one fewer slot charged. */
export const lateWindow = variant(evKind, "late-window", {
  decisions: withDecide(evKind, (population, group, forecast, xi, batch) => {
    const x = evKind.check!.decisions!.decide(population, group, forecast, xi, batch);
    const h = forecast.length / batch;
    const out = new Float64Array(x.length);
    for (let row = 0; row < x.length / h; row++) for (let t = 0; t + 1 < h; t++) out[row * h + t + 1] = x[row * h + t];
    return out;
  }),
});

/** Phones whose "fast path" charges the first k slots whatever they cost: not the ILP's optimum. */
export const firstSlots = variant(phoneKind, "first-slots", {
  decisions: withDecide(phoneKind, (population, _group, forecast, xi, batch) => {
    const m = population.ids.length;
    const h = forecast.length / batch;
    const out = new Float64Array(batch * m * h);
    for (let i = 0; i < batch * m; i++) for (let t = 0; t < xi[2 * i]; t++) out[i * h + t] = 1;
    return out;
  }),
});

/** Data centres whose regret keeps the sign of ĉ − c (a squared gap written as gap·|gap|). */
export const signedRegret = variant(datacenterKind, "signed-regret", { decisions: undefined }, regretsBy((real) => (f, t, xi, b) => {
  const out = real(f, t, xi, b);
  const m = out.length / b;
  const h = f.length / b;
  for (let r = 0; r < b; r++) {
    let gap = 0;
    for (let k = r * h; k < (r + 1) * h; k++) gap += f[k] - t[k];
    if (gap < 0) for (let j = 0; j < m; j++) out[r * m + j] = -out[r * m + j];
  }
  return out;
}));

/** EVs whose every agent reads agent 0's ξ (a stride bug no single random agent per trial reliably finds). */
export const readsAgentZero = variant(evKind, "reads-agent-zero", { decisions: undefined }, regretsBy((real) => (f, t, xi, b) => {
  const m = xi.length / (2 * b);
  const copy = Float64Array.from(xi);
  for (let r = 0; r < b; r++) for (let j = 1; j < m; j++) copy.set(copy.subarray(r * m * 2, r * m * 2 + 2), (r * m + j) * 2);
  return real(f, t, copy, b);
}));

/** EVs whose regrets are twice what their decisions cost (a weight applied twice). */
export const doubledRegret = variant(evKind, "doubled-regret", {}, regretsBy((real) => (f, t, xi, b) => real(f, t, xi, b).map((v) => 2 * v)));

/** Data centres whose group arbitrary can draw an empty group. */
export const emptyGroups = variant(datacenterKind, "empty-groups", {
  group: fc.record({ type: fc.constant("datacenter"), count: fc.integer({ min: 0, max: 3 }), lambda: fc.constant("same"), demand: fc.constant("similar") }),
});

/** Data centres whose ξ arbitrary draws one value too few per sample. */
export const shortXi = variant(datacenterKind, "short-xi", {
  xi: (p: AgentPopulation) => fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: p.ids.length - 1, maxLength: p.ids.length - 1 }).map((a) => Float64Array.from(a)),
});

/** Data centres with no `check` at all. */
export const noCheck = variant(datacenterKind, "no-check", undefined);
