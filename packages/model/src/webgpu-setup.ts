import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/** A reason webgpu cannot run; `vulkan` is the one line naming what to install. */
export type WebGpuFailure = { missing: string } | { failed: string } | { vulkan: string; failed: string };

interface Adapter {
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<Adapter | null>;
}

const require = createRequire(import.meta.url);

/** The Vulkan loader Dawn opens on Linux; EQUITABLE_VULKAN_LOADER names another (a spec points it nowhere). */
const LOADER = "libvulkan.so.1";

const INSTALL_LOADER = "install the Vulkan loader (Debian/Ubuntu: `apt-get install libvulkan1`)";
const INSTALL_DRIVER =
  "install a Vulkan driver: your GPU's (NVIDIA, AMD, Intel), or Mesa's lavapipe for CPU-only machines (Debian: `apt-get install -t bookworm-backports mesa-vulkan-drivers`, Mesa ≥ 24)";

let prepared: { adapter: Adapter } | undefined;

/** The adapter webgpu runs on as "vendor device (architecture)", once prepared. */
export function adapterDescription(): string | undefined {
  return prepared ? describe(prepared.adapter) : undefined;
}

function describe(adapter: Adapter): string | undefined {
  const info = adapter.info;
  if (!info) return undefined;
  return [info.vendor, info.device || info.description, info.architecture ? `(${info.architecture})` : ""].filter(Boolean).join(" ");
}

/**
 * Why no hardware adapter can exist (Linux): a GPU's Vulkan driver opens a device node — Mesa's
 * /dev/dri/renderD*, NVIDIA's /dev/nvidia*, WSL's /dev/dxg — and without one only software
 * rasterisers remain, so `auto` need not start Dawn to find out. Undefined when one exists.
 */
function gpuDeviceNode(): string | undefined {
  if (process.platform !== "linux") return undefined;
  const has = (dir: string, prefix: string) => {
    try {
      return readdirSync(dir).some((f) => f.startsWith(prefix));
    } catch {
      return false;
    }
  };
  if (has("/dev/dri", "renderD") || has("/dev", "nvidia") || existsSync("/dev/dxg")) return undefined;
  return "no GPU device node (/dev/dri/renderD*, /dev/nvidia*): only a software adapter could run, slower than wasm";
}

/** The adapter Dawn finds, asked in a child process (its stderr discarded); a string says why there is none. */
function probeAdapter(): Adapter | string {
  let url: string;
  try {
    url = pathToFileURL(require.resolve("webgpu")).href;
  } catch {
    return "webgpu is not installed";
  }
  const script = `const { create } = await import(${JSON.stringify(url)});
const a = await create([]).requestAdapter({ powerPreference: "high-performance" });
const i = a?.info;
process.stdout.write(JSON.stringify(i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: i.isFallbackAdapter } : null));
process.exit(0);`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000 });
  if (r.status !== 0) return `probing the WebGPU adapter failed (${r.error?.message ?? `exit ${r.status}`})`;
  try {
    const info = JSON.parse(r.stdout) as Adapter["info"] | null;
    return info ? { info } : `no WebGPU adapter (Vulkan found no device): ${INSTALL_DRIVER}`;
  } catch {
    return "probing the WebGPU adapter printed no answer";
  }
}

/** Whether an adapter is a software rasteriser (Mesa llvmpipe/lavapipe, SwiftShader): correct but slower than wasm. */
export function isSoftwareAdapter(adapter: Adapter): boolean {
  const i = adapter.info ?? {};
  if (i.isFallbackAdapter || i.architecture === "software") return true;
  return /llvmpipe|lavapipe|swiftshader/i.test(`${i.vendor ?? ""} ${i.device ?? ""} ${i.description ?? ""}`);
}

/** Whether the Vulkan loader library can be opened (Linux only; elsewhere Dawn uses Metal/D3D12). */
function loaderProblem(): string | undefined {
  if (process.platform !== "linux") return undefined;
  const name = process.env.EQUITABLE_VULKAN_LOADER || LOADER;
  try {
    // dlopen resolves the library as Dawn would; it then fails later as "did not self-register"
    // (the loader is no Node addon), which means the library itself was found.
    process.dlopen({ exports: {} } as NodeJS.Module, name);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return /cannot open shared object|no such file|not found/i.test(message) ? `Vulkan loader ${name} not found: ${INSTALL_LOADER}` : undefined;
  }
}

/**
 * Whether the Vulkan loader would find no driver, by its own search (Linux): the manifests that
 * VK_DRIVER_FILES / VK_ICD_FILENAMES name, else the `vulkan/icd.d` folders of the XDG config and
 * data dirs and /etc. Checked before Dawn loads, which would print the loader's warnings first.
 */
function driverProblem(): string | undefined {
  if (process.platform !== "linux") return undefined;
  const env = process.env;
  const named = env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES;
  const added = (env.VK_ADD_DRIVER_FILES ?? "").split(":").filter(Boolean);
  const found = (files: string[]) => files.some((f) => existsSync(f));
  if (named) return found([...named.split(":").filter(Boolean), ...added]) ? undefined : `no Vulkan driver (VK_DRIVER_FILES names none that exists): ${INSTALL_DRIVER}`;
  const home = homedir();
  const dirs = [
    ...(env.XDG_CONFIG_DIRS || "/etc/xdg").split(":"), "/etc", env.XDG_CONFIG_HOME || join(home, ".config"),
    ...(env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":"), env.XDG_DATA_HOME || join(home, ".local/share"),
  ].filter(Boolean).map((d) => join(d, "vulkan", "icd.d"));
  const manifests = dirs.some((d) => {
    try {
      return readdirSync(d).some((f) => f.endsWith(".json"));
    } catch {
      return false;
    }
  });
  return manifests || found(added) ? undefined : `no Vulkan driver found: ${INSTALL_DRIVER}`;
}

/**
 * Makes the `webgpu` npm package (Dawn's Node bindings) WebGPU's `navigator.gpu` and checks that
 * it finds an adapter, before @tensorflow/tfjs-backend-webgpu is imported: that module reads
 * `navigator.gpu` at import time. With `hardwareOnly` (what `auto` asks), a software adapter is
 * a failure: on a CPU, wasm is faster than llvmpipe.
 */
export async function prepareWebGpu(hardwareOnly: boolean): Promise<WebGpuFailure | undefined> {
  if (!prepared) {
    const vulkan = loaderProblem() ?? driverProblem();
    if (vulkan) return { vulkan, failed: vulkan };
    if (hardwareOnly) {
      // `auto` asks a child process first: Dawn prints its own warnings on stderr when it opens a
      // software adapter, and a run that will not use it should not show them (or pay for it).
      const node = gpuDeviceNode();
      if (node) return { failed: node };
      const probed = probeAdapter();
      if (typeof probed === "string") return { failed: probed };
      if (isSoftwareAdapter(probed)) return { failed: `only a software adapter (${describe(probed)}): slower than wasm; name --backend webgpu to use it anyway` };
    }
    let bindings: { create(flags: string[]): Gpu; globals: Record<string, unknown> };
    try {
      // A computed name: the package is optional, and an ES module.
      const name = "webgpu";
      require.resolve(name);
      bindings = (await import(/* @vite-ignore */ name)) as typeof bindings;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") return { missing: "webgpu" };
      return { failed: `loading the webgpu package (Dawn) failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    // Dawn's globals (GPUBufferUsage, …) are what the tfjs backend expects of a browser.
    Object.assign(globalThis, bindings.globals);
    const gpu = bindings.create([]);
    const nav = (globalThis as { navigator?: object }).navigator;
    Object.defineProperty(globalThis, "navigator", { value: { ...(nav ?? {}), gpu }, configurable: true, writable: true });
    const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
    if (!adapter) {
      const line = `no WebGPU adapter (Vulkan found no device): ${INSTALL_DRIVER}`;
      return { vulkan: line, failed: line };
    }
    prepared = { adapter };
  }
  if (hardwareOnly && isSoftwareAdapter(prepared.adapter)) {
    return { failed: `only a software adapter (${adapterDescription()}): slower than wasm; name --backend webgpu to use it anyway` };
  }
  return undefined;
}
