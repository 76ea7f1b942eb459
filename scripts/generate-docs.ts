// `pnpm docs:generate`: regenerates the parts of the docs that come from the registered agent kinds and
// training methods: the field tables in docs/scenarios.md and docs/scenario.schema.json.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
// The workspace root depends on no package; the script reads the preset's and scenario package's sources directly.
import "../packages/preset/src/index.ts";
import { schemaFileText, withReference } from "../packages/scenario/src/index.ts";

const docs = fileURLToPath(new URL("../docs/", import.meta.url));
const md = `${docs}scenarios.md`;
writeFileSync(md, withReference(readFileSync(md, "utf8")));
writeFileSync(`${docs}scenario.schema.json`, schemaFileText());
process.stdout.write("wrote docs/scenarios.md (generated reference) and docs/scenario.schema.json\n");
