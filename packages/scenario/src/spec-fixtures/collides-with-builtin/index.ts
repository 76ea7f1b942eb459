// A plugin that registers its own kind under a built-in's name: refused, with a name to use instead.
import type { AgentKind } from "@equitable/core";
import { procurementKind } from "@equitable/agents-procurement";

/** A copy (another object) of the procurement kind under the built-in's own `type`. */
export const agentKinds: AgentKind[] = [{ ...procurementKind } as AgentKind];
