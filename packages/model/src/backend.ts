import { createRequire } from "node:module";
import * as tf from "@equitable/core/tf";
import { InputError } from "@equitable/core";
import { adapterDescription, prepareWebGpu } from "./webgpu-setup.js";

/** Backends the framework knows, in the order `auto` tries them. */
export const BACKENDS = ["tensorflow-gpu", "tensorflow", "webgpu", "wasm", "cpu"] as const;

/** A backend name, or `auto` for the fastest one installed. */
export type BackendName = (typeof BACKENDS)[number] | "auto";

/** What each backend needs installed; tfjs-node(-gpu) download libtensorflow at install time. */
const PACKAGES: Record<(typeof BACKENDS)[number], string | undefined> = {
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
  webgpu: "@tensorflow/tfjs-backend-webgpu",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: undefined,
};

/** Why a backend could not be used: its package is missing, it failed to initialise, or (webgpu) Vulkan is missing. */
type Failure = { missing: string } | { failed: string } | { vulkan: string; failed: string };

const require = createRequire(import.meta.url);

// The optional packages are loaded by a computed name so that neither TypeScript nor a bundler
// insists on them being installed, and with require: they are CommonJS, and importing one as an
// ES module makes Node lex its whole bundle first (see @equitable/core/tf).
async function importOptional(name: string): Promise<Failure | undefined> {
  try {
    try {
      require(name);
    } catch (e) {
      if ((e as { code?: unknown }).code !== "ERR_REQUIRE_ESM") throw e;
      await import(/* @vite-ignore */ name);
    }
    return undefined;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // Only a package that is not there at all is "missing"; one that is there but throws on
    // import (say, libtensorflow not found) is reported with its own message.
    const notFound = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    if (notFound && messageOf(e).includes(`'${name}'`)) return { missing: name };
    return { failed: `importing ${name} failed: ${messageOf(e)}` };
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * tfjs's cpu backend prints a banner recommending tfjs-node on stderr at its first tensor write,
 * whatever --quiet says (the README already covers backends). That first write happens here, with
 * tfjs's warnings off for its duration only, so later warnings still reach the user.
 */
function consumeCpuBanner(): void {
  const env = tf.env();
  const prod = env.getBool("PROD");
  env.set("PROD", true);
  try {
    tf.tidy(() => tf.scalar(0));
  } finally {
    env.set("PROD", prod);
  }
}

async function tryBackend(name: (typeof BACKENDS)[number], auto: boolean): Promise<Failure | undefined> {
  const pkg = PACKAGES[name];
  if (name === "webgpu") {
    const failure = await prepareWebGpu(auto);
    if (failure) return failure;
  }
  if (pkg) {
    const failure = await importOptional(pkg);
    if (failure) return failure;
  }
  // tfjs-node and tfjs-node-gpu both register their backend as "tensorflow".
  const registered = name === "tensorflow-gpu" ? "tensorflow" : name;
  try {
    if (!(await tf.setBackend(registered))) return { failed: `tfjs could not initialise the '${registered}' backend` };
    await tf.ready();
    if (registered === "cpu") consumeCpuBanner();
    return undefined;
  } catch (e) {
    return { failed: messageOf(e) };
  }
}

/** Which backend a selection took, and why each one tried before it was skipped. */
export interface BackendChoice {
  readonly backend: string;
  /** The adapter webgpu runs on (vendor, device), when it is the backend. */
  readonly adapter?: string;
  readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
}

let lastChoice: BackendChoice | undefined;

/** The last {@link selectBackend}'s choice and reasons (for `--verbose` and run.json), or undefined before any. */
export function lastBackendChoice(): BackendChoice | undefined {
  return lastChoice;
}

function reasonOf(failure: Failure): string {
  return "missing" in failure ? `${failure.missing} is not installed` : failure.failed;
}

/**
 * Selects the tfjs backend: `auto` tries tfjs-node-gpu, tfjs-node, webgpu on a hardware adapter,
 * wasm, then cpu; a named backend that is not installed is an InputError naming the install
 * command. Returns the name of the backend in use; {@link lastBackendChoice} says why.
 */
export async function selectBackend(name: BackendName = "auto"): Promise<string> {
  if (name === "auto") {
    const skipped: { backend: string; reason: string }[] = [];
    for (const candidate of BACKENDS) {
      const failure = await tryBackend(candidate, true);
      if (!failure) {
        lastChoice = { backend: candidate, skipped, ...adapterField(candidate) };
        return candidate;
      }
      skipped.push({ backend: candidate, reason: reasonOf(failure) });
    }
    throw new InputError("--backend", "no tfjs backend could be initialised");
  }
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw new InputError("--backend", `unknown backend '${name}' (choose one of auto, ${BACKENDS.join(", ")})`);
  }
  const failure = await tryBackend(name, false);
  if (!failure) {
    lastChoice = { backend: name, skipped: [], ...adapterField(name) };
    return name;
  }
  if ("vulkan" in failure) throw new InputError("--backend", failure.vulkan);
  if ("missing" in failure) {
    throw new InputError(
      "--backend",
      `backend '${name}' is not available: install it with \`pnpm add -w ${failure.missing}\`` +
        (name.startsWith("tensorflow") ? " (it downloads libtensorflow at install time)" : ""),
    );
  }
  throw new InputError("--backend", `backend '${name}' could not be initialised: ${failure.failed}`);
}

function adapterField(name: string): { adapter?: string } {
  const adapter = name === "webgpu" ? adapterDescription() : undefined;
  return adapter ? { adapter } : {};
}
