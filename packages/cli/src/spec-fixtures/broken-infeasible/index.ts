// (a) A decision outside its bounds: every EV's schedule lands one step late (an off-by-one index),
// so it charges past its window or, at the horizon's end, one slot too few.
import type { AgentKind } from "@equitable/core";
import { evKind, type EvGroup } from "@equitable/agents-ev";

const hooks = evKind.check!.decisions!;

/** EVs whose fast path writes slot t at step t + 1. */
export const lateEvKind: AgentKind<EvGroup> = {
  ...evKind,
  type: "late-ev",
  check: {
    ...evKind.check!,
    decisions: {
      ...hooks,
      decide(population, group, forecast, xi, batch) {
        const x = hooks.decide(population, group, forecast, xi, batch);
        const h = forecast.length / batch;
        const late = new Float64Array(x.length);
        for (let row = 0; row < x.length / h; row++) for (let t = 0; t + 1 < h; t++) late[row * h + t + 1] = x[row * h + t];
        return late;
      },
    },
  },
};

export const agentKinds = [lateEvKind];
