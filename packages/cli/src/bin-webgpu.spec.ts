import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir, tinyScenario, writeJson } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// `--backend webgpu` where Vulkan is missing: one line naming what to install, exit 2, nothing trained.
// Absence is simulated the way the Vulkan loader itself would meet it: a loader library that
// cannot be opened (EQUITABLE_VULKAN_LOADER names the library dlopen tries), and driver
// manifests that do not exist (VK_DRIVER_FILES, the loader's own variable).

const dir = tempDir("webgpu");
writeJson(dir, "tiny.json", tinyScenario());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("equitable run --backend webgpu without Vulkan", () => {
  it("names the loader package when libvulkan cannot be opened", async () => {
    const r = await runCli(["run", "tiny.json", "--backend", "webgpu", "--out", "out-loader"], dir, { EQUITABLE_VULKAN_LOADER: "/nowhere/libvulkan.so.1" });
    expectOneLineError(r, "--backend", "Vulkan loader", "libvulkan1");
  });

  it("names the driver packages when no Vulkan driver is installed", async () => {
    const r = await runCli(["run", "tiny.json", "--backend", "webgpu", "--out", "out-driver"], dir, { VK_DRIVER_FILES: "/nowhere/icd.json" });
    expectOneLineError(r, "--backend", "no Vulkan driver", "mesa-vulkan-drivers");
  });
});

// Where Vulkan is installed (CI installs lavapipe), webgpu starts and simulate refuses it up front:
// its clock reads forecasts synchronously, which a webgpu tensor cannot give under Node.
const vulkan = (() => {
  try {
    return execFileSync("ldconfig", ["-p"], { encoding: "utf8" }).includes("libvulkan.so.1");
  } catch {
    return false;
  }
})();

describe.skipIf(!vulkan)(`equitable simulate --backend webgpu${vulkan ? "" : " (skipped: no Vulkan loader installed)"}`, () => {
  it("is refused before anything is trained or written: one line naming --backend and the host backends", async () => {
    const r = await runCli(["simulate", "tiny.json", "--backend", "webgpu", "--out", "out-simulate"], dir);
    expectOneLineError(r, "--backend", "host backend", "wasm");
    expect(existsSync(path.join(dir, "out-simulate", "simulate.json"))).toBe(false);
  });
});
