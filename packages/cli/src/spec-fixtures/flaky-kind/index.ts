// A data-centre kind that refuses seed 3 while a file `flaky.flag` is in the working directory:
// an input error an operator can fix that no check before the cells can see (the sweep specs).
import { existsSync } from "node:fs";
import { InputError } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";

/** The data-centre kind under another name, failing seed 3 while flaky.flag exists. */
const flakyKind = {
  ...datacenterKind,
  type: "flaky-datacenter",
  build(group: Parameters<typeof datacenterKind.build>[0], ctx: Parameters<typeof datacenterKind.build>[1]) {
    if (ctx.seed === 3 && existsSync("flaky.flag")) throw new InputError("flaky.flag", "remove this file to let seed 3 build");
    return datacenterKind.build(group, ctx);
  },
};

/** What the plugin registers. */
export default { agentKinds: [flakyKind] };
