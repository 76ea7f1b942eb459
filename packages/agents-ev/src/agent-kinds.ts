import { evKind } from "./ev-kind.js";

/** The kinds this package registers, under the name plugins export them: `equitable check packages/agents-ev` loads it like any plugin. */
export const agentKinds = [evKind] as const;
