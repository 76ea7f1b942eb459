import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaFileText, withReference } from "./reference-files.js";
import { buildScenarioSchema } from "./schema.js";

const docs = fileURLToPath(new URL("../../../docs/", import.meta.url));

describe("the generated docs are current (run `pnpm docs:generate` after changing a kind or a method)", () => {
  it("docs/scenarios.md carries the field tables of the registered kinds and methods", () => {
    const md = readFileSync(`${docs}scenarios.md`, "utf8");
    expect(withReference(md)).toBe(md);
  });

  it("docs/scenario.schema.json is the JSON Schema of the current format", () => {
    expect(readFileSync(`${docs}scenario.schema.json`, "utf8")).toBe(schemaFileText());
  });

  it("every shipped scenario satisfies what the JSON Schema requires of agent groups", () => {
    const schema = JSON.parse(schemaFileText());
    const alternatives = schema.properties.agents.items.anyOf as { properties: Record<string, { const?: string }>; required: string[] }[];
    const scenarios = ["default", "mixed-agents", "ev-different-agents"].map((n) =>
      JSON.parse(readFileSync(fileURLToPath(new URL(`../../../scenarios/${n}.json`, import.meta.url)), "utf8")),
    );
    for (const s of scenarios) {
      buildScenarioSchema().parse(s);
      for (const group of s.agents) {
        const alt = alternatives.find((a) => a.properties.type.const === group.type);
        expect(alt, group.type).toBeDefined();
        for (const key of alt!.required) expect(group, `${group.type}.${key}`).toHaveProperty(key);
        for (const key of Object.keys(group)) expect(alt!.properties, `${group.type}.${key}`).toHaveProperty(key);
      }
    }
  });
});
