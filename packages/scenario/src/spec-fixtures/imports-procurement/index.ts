// A plugin built on a shipped agent package the CLI itself does not depend on: its import must
// resolve (through @equitable/scenario) rather than fail naming the CLI's own file.
import type { AgentKind } from "@equitable/core";
import { procurementKind } from "@equitable/agents-procurement";

/** The procurement desks under a plugin's own name. */
export const cautiousProcurementKind: AgentKind = { ...procurementKind, type: "cautious-procurement" } as AgentKind;

/** What the plugin registers. */
export const agentKinds = [cautiousProcurementKind];
