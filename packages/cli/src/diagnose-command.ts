import { InputError } from "@equitable/core";
import { diagnoseScenario, loadExperimentScenario } from "@equitable/experiment";
import type { Disagreement } from "@equitable/trainer";
import { applyOverrides, type CommonOptions } from "./options.js";
import { progressSink } from "./progress.js";

/** The verdict line `diagnose` ends with (and `run` may print): whether q has anything to trade. */
export function disagreementVerdict(d: Disagreement): string {
  const pct = (d.index * 100).toFixed(2);
  return d.agrees
    ? `agents agree: one forecast serves them all (a shared forecast costs them ${pct} % of regret, under ${(d.threshold * 100).toFixed(0)} %), so q has almost nothing to trade`
    : `agents disagree: a shared forecast costs them ${pct} % of regret (their best residual quantiles span ${d.bestTau.reduce((a, b) => Math.min(a, b), 1)}–${d.bestTau.reduce((a, b) => Math.max(a, b), 0)}), so q trades one agent against another`;
}

/**
 * `equitable diagnose <scenario>`: trains Plain PM on the training split, then measures what each
 * agent wants from the forecast (the residual quantile its regret is least at) and how much one
 * shared forecast costs the agents: from measured regrets, not from a flag per kind.
 */
export async function diagnoseCommand(scenarioPath: string, opts: CommonOptions & { threshold?: string }): Promise<void> {
  const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold > 0 && threshold < 1)) {
    throw new InputError("--threshold", `expected a number in (0, 1), got '${opts.threshold}'`);
  }
  const scenario = applyOverrides(await loadExperimentScenario(scenarioPath), { ...opts, methods: "plain" });
  const { agentIds: ids, trainRows, disagreement: d } = await diagnoseScenario(scenario, { dataDir: opts.dataDir, backend: opts.backend, threshold, onEvent: progressSink(opts.quiet) });
  const width = Math.max(5, ...ids.map((id) => id.length));
  const lines = [
    `What each agent wants from Plain PM's forecast (training split, ${trainRows} ticks): the residual quantile τ* its regret is least at`,
    "",
    `${"agent".padEnd(width)}  τ*    regret at τ*  at shared τ̂ = ${d.consensusTau}`,
    ...ids.map((id, j) => `${id.padEnd(width)}  ${d.bestTau[j].toFixed(2)}  ${d.atBest[j].toPrecision(4).padStart(12)}  ${d.atConsensus[j].toPrecision(4).padStart(12)}`),
    "",
    disagreementVerdict(d),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
