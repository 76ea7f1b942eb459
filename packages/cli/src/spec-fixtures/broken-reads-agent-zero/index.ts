// (d) An agent reading another's ξ: every EV's regret is computed from agent 0's [need, ζ]
// (a stride of 0 where it should be 2·j).
import type { AgentKind, AgentPopulation } from "@equitable/core";
import { evKind, type EvGroup } from "@equitable/agents-ev";

function strideZero(p: AgentPopulation): AgentPopulation {
  const regrets: AgentPopulation["regrets"] = (forecast, truth, xi, batch) => {
    const m = p.ids.length;
    const copy = Float64Array.from(xi);
    for (let r = 0; r < batch; r++) for (let j = 1; j < m; j++) copy.set(copy.subarray(r * m * 2, r * m * 2 + 2), (r * m + j) * 2);
    return p.regrets(forecast, truth, copy, batch);
  };
  return Object.assign(Object.create(p) as AgentPopulation, { regrets });
}

/** EVs that all read agent 0's context. */
export const agentZeroEvKind: AgentKind<EvGroup> = {
  ...evKind,
  type: "agent-zero-ev",
  population: (group, facts) => strideZero(evKind.population(group, facts)),
  check: { ...evKind.check!, decisions: undefined },
};

export const agentKinds = [agentZeroEvKind];
