import { phoneKind } from "./phone-kind.js";

/** The kinds this package registers, under the name plugins export them: `equitable check packages/agents-phone` loads it like any plugin. */
export const agentKinds = [phoneKind] as const;
