// (b) A fast path that disagrees with its ILP: phones that charge the first k slots whatever
// they cost, while the ILP (javascript-lp-solver) charges the k cheapest.
import type { AgentKind } from "@equitable/core";
import { phoneKind, type PhoneGroup } from "@equitable/agents-phone";

/** Phones whose "fast path" is the first k slots. */
export const firstSlotsPhoneKind: AgentKind<PhoneGroup> = {
  ...phoneKind,
  type: "first-slots-phone",
  check: {
    ...phoneKind.check!,
    decisions: {
      ...phoneKind.check!.decisions!,
      decide(population, _group, forecast, xi, batch) {
        const m = population.ids.length;
        const h = forecast.length / batch;
        const x = new Float64Array(batch * m * h);
        for (let i = 0; i < batch * m; i++) for (let t = 0; t < xi[2 * i]; t++) x[i * h + t] = 1;
        return x;
      },
    },
  },
};

export const agentKinds = [firstSlotsPhoneKind];
