// A kind without `check` arbitraries: `equitable check` says what is missing (exit 1).
import { datacenterKind } from "@equitable/agents-datacenter";

export const agentKinds = [{ ...datacenterKind, type: "unchecked-datacenter", check: undefined }];
