import { datacenterKind } from "./datacenter-kind.js";

/** The kinds this package registers, under the name plugins export them: `equitable check packages/agents-datacenter` loads it like any plugin. */
export const agentKinds = [datacenterKind] as const;
