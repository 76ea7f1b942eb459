import { agentKinds } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";
import { evKind } from "@equitable/agents-ev";
import { phoneKind } from "@equitable/agents-phone";
// The built-in training methods register on import, as the built-in kinds below do.
import "@equitable/trainer";

agentKinds.register(datacenterKind);
agentKinds.register(evKind);
agentKinds.register(phoneKind);

/** The agent kinds the framework ships, registered like any plugin's. */
export const BUILTIN_KINDS = [datacenterKind, evKind, phoneKind] as const;
