import { agentKinds } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";
import { evKind } from "@equitable/agents-ev";
import { evOffsetsKind } from "@equitable/agents-ev-offsets";
import { phoneKind } from "@equitable/agents-phone";
import { procurementKind } from "@equitable/agents-procurement";
// The built-in training methods register on import, as the built-in kinds below do.
import "@equitable/trainer";

agentKinds.register(datacenterKind);
agentKinds.register(evKind);
agentKinds.register(evOffsetsKind);
agentKinds.register(phoneKind);
agentKinds.register(procurementKind);


