// (c) A negative regret: data centres whose squared gap is written gap·|gap|, so a forecast
// below the truth "earns" regret.
import type { AgentKind, AgentPopulation } from "@equitable/core";
import { datacenterKind, type DatacenterGroup } from "@equitable/agents-datacenter";

function signed(p: AgentPopulation): AgentPopulation {
  const regrets: AgentPopulation["regrets"] = (forecast, truth, xi, batch) => {
    const out = p.regrets(forecast, truth, xi, batch);
    const m = out.length / batch;
    const h = forecast.length / batch;
    for (let r = 0; r < batch; r++) {
      let gap = 0;
      for (let k = r * h; k < (r + 1) * h; k++) gap += forecast[k] - truth[k];
      if (gap < 0) for (let j = 0; j < m; j++) out[r * m + j] = -out[r * m + j];
    }
    return out;
  };
  // A black box: the float64 regrets alone, so only the regret checks run.
  return Object.assign(Object.create(p) as AgentPopulation, { differentiable: false, regrets });
}

/** Data centres with a sign bug in their regret. */
export const signedDatacenterKind: AgentKind<DatacenterGroup> = {
  ...datacenterKind,
  type: "signed-datacenter",
  population: (group, facts) => signed(datacenterKind.population(group, facts)),
  check: { ...datacenterKind.check!, decisions: undefined },
};

export default { agentKinds: [signedDatacenterKind] };
