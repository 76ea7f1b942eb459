import { evOffsetsKind } from "./ev-offsets-kind.js";

/** The kinds this package registers (what loading it as a plugin, or `equitable check`, finds). */
export const agentKinds = [evOffsetsKind] as const;
