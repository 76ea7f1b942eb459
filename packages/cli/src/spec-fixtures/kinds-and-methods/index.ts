// A plugin with both an agent kind and a training method: `equitable check` runs both sets of checks.
import { datacenterKind } from "@equitable/agents-datacenter";
import { meanPower } from "../good-method/index.js";

/** What the plugin registers. */
export default { agentKinds: [datacenterKind], trainingMethods: [meanPower] };
