import type { LivePopulation, LiveStep } from "@equitable/core";

/**
 * Several live populations as one, their agents side by side in order. States and decisions are
 * padded to the widest part (a stateless group beside a stateful one), each part reading its own.
 */
export function mixedLive(parts: readonly LivePopulation[]): LivePopulation {
  if (parts.length === 0) throw new RangeError("mixedLive: needs at least one population");
  const ticks = parts[0].ticks;
  if (parts.some((p) => p.ticks !== ticks)) throw new RangeError("mixedLive: every part must cover the same ticks");
  const m = parts.reduce((s, p) => s + p.ids.length, 0);
  const sw = Math.max(...parts.map((p) => p.stateWidth));
  const dw = Math.max(...parts.map((p) => p.decisionWidth));
  const offsets = parts.map((_, k) => parts.slice(0, k).reduce((s, p) => s + p.ids.length, 0));
  const cut = (values: Float64Array, k: number, width: number, own: number, rows = 1): Float64Array => {
    const p = parts[k];
    const out = new Float64Array(rows * p.ids.length * own);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < p.ids.length; j++) {
        const at = (r * m + offsets[k] + j) * width;
        out.set(values.subarray(at, at + own), (r * p.ids.length + j) * own);
      }
    }
    return out;
  };
  const paste = (into: Float64Array, values: Float64Array, k: number, width: number, own: number): void => {
    for (let j = 0; j < parts[k].ids.length; j++) into.set(values.subarray(j * own, (j + 1) * own), (offsets[k] + j) * width);
  };
  const joined = (each: (p: LivePopulation, k: number) => Float64Array): Float64Array => {
    const out = new Float64Array(m);
    parts.forEach((p, k) => out.set(each(p, k), offsets[k]));
    return out;
  };
  return {
    kind: parts.map((p) => p.kind).join("+"),
    ids: parts.flatMap((p) => p.ids),
    stateWidth: sw,
    decisionWidth: dw,
    ticks,
    initialState() {
      const out = new Float64Array(m * sw);
      parts.forEach((p, k) => paste(out, p.initialState(), k, sw, p.stateWidth));
      return out;
    },
    step(state, tick, forecast): LiveStep {
      const next = new Float64Array(m * sw);
      const decision = new Float64Array(m * dw);
      parts.forEach((p, k) => {
        const s = p.step(cut(state, k, sw, p.stateWidth), tick, forecast);
        paste(next, s.state, k, sw, p.stateWidth);
        paste(decision, s.decision, k, dw, p.decisionWidth);
      });
      return { state: next, decision };
    },
    cost: (decision, tick) => joined((p, k) => p.cost(cut(decision, k, dw, p.decisionWidth), tick)),
    regrets: (from, to, decisions) => joined((p, k) => p.regrets(from, to, cut(decisions, k, dw, p.decisionWidth, to - from))),
    // Every part must report its load, or the mix has none: a closed loop then refuses it.
    load: parts.every((p) => p.load) ? (decision, tick) => parts.reduce((sum, p, k) => sum + p.load!(cut(decision, k, dw, p.decisionWidth), tick), 0) : undefined,
    violation(state, tick) {
      for (let k = 0; k < parts.length; k++) {
        const why = parts[k].violation(cut(state, k, sw, parts[k].stateWidth), tick);
        if (why !== undefined) return why;
      }
      return undefined;
    },
  };
}
