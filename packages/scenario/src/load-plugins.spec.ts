import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { agentKinds } from "@equitable/core";
import { datacenterKind } from "@equitable/agents-datacenter";
import { loadPlugin, loadPlugins } from "./index.js";

const packages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("loadPlugin", () => {
  it("loads a built-in agent package as a plugin: its kinds, registered once, still built-in", async () => {
    const loaded = await loadPlugin(path.join(packages, "agents-datacenter"), process.cwd());
    expect(loaded.agentKinds).toEqual([datacenterKind]);
    expect(loaded.agentKinds[0]).toBe(datacenterKind);
    expect(agentKinds.originOf("datacenter")).toBe("built-in");
    await expect(loadPlugins([path.join(packages, "agents-datacenter"), path.join(packages, "agents-datacenter")], process.cwd())).resolves.toHaveLength(2);
  });

  it("refuses a module that exports no kinds or methods, and a path that does not exist", async () => {
    await expect(loadPlugin(path.join(packages, "data"), process.cwd(), undefined, "check")).rejects.toThrow(/^check: plugin '.*data' \(.*index.ts\) exports no agentKinds, trainingMethods, modelKinds or responseModels$/);
    // core exports the registries under those names: not arrays of entries.
    await expect(loadPlugin(path.join(packages, "core"), process.cwd())).rejects.toThrow(/exports `agentKinds` that is not an array$/);
    await expect(loadPlugin("./no-such-plugin", process.cwd())).rejects.toThrow(/^plugin: cannot find plugin '.\/no-such-plugin'/);
  });

  it("refuses a kind or method named like a built-in, suggesting a free prefixed name", async () => {
    const fixtures = path.join(packages, "scenario", "src", "spec-fixtures");
    await expect(loadPlugin(path.join(fixtures, "method-named-cvar"), process.cwd())).rejects.toThrow(
      /^plugin: plugin '.*method-named-cvar' registers training method 'cvar', which a built-in already has: rename it \(its `name`\), e.g. to 'method-named-cvar-cvar', and use that name in scenarios$/);
    await expect(loadPlugin(path.join(fixtures, "collides-with-builtin"), process.cwd(), undefined, "plugins[0]")).rejects.toThrow(
      /^plugins\[0\]: plugin '.*collides-with-builtin' registers agent type 'procurement', which a built-in already has: rename it \(its `type`\), e.g. to 'collides-with-builtin-procurement'/);
  });
});
