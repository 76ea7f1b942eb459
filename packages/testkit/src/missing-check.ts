import type { AgentKind } from "@equitable/core";

const isArbitrary = (v: unknown) => typeof (v as { generate?: unknown } | undefined)?.generate === "function";
const isFunction = (v: unknown) => typeof v === "function";

/**
 * What a kind lacks for `checkAgentKind`, exactly (its `check`, or one member of it), or undefined
 * when its `check` has the shape the runner reads.
 */
export function missingCheck(kind: AgentKind): string | undefined {
  const name = `agent kind '${kind.type}'`;
  const check = kind.check as unknown as Record<string, unknown> | undefined;
  if (check === undefined) {
    return `${name} exports no \`check\`: add check: { group: Arbitrary<Group>, xi(population, group): Arbitrary<Float64Array> } to its descriptor (fast-check arbitraries; see docs/authoring-agents.md)`;
  }
  if (!isArbitrary(check.group)) return `${name}: check.group is not a fast-check Arbitrary of its groups`;
  if (!isFunction(check.xi)) return `${name}: check.xi is not a function (population, group) → Arbitrary of one sample's ξ`;
  if (check.horizon !== undefined && !isFunction(check.horizon)) return `${name}: check.horizon is not a function group → Arbitrary of horizons`;
  const decisions = check.decisions as Record<string, unknown> | undefined;
  if (decisions !== undefined) {
    for (const hook of ["width", "decide", "violation", "objective"]) {
      if (!isFunction(decisions[hook])) return `${name}: check.decisions has no \`${hook}\` function`;
    }
    if (decisions.exact !== undefined && !isFunction(decisions.exact)) return `${name}: check.decisions.exact is not a function`;
  }
  return undefined;
}
