// A plugin whose module throws while it loads (line 5): the error must name this file and line.
import type { AgentKind } from "@equitable/core";

function settings(): never {
  throw new Error("PROCUREMENT_API_KEY is not set");
}

/** Never reached: loading throws first. */
export const agentKinds: AgentKind[] = settings();
