import * as tf from "@tensorflow/tfjs";
import { InputError } from "@equitable/core";

/** Backends the framework knows, in the order `auto` tries them. */
export const BACKENDS = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;

/** A backend name, or `auto` for the fastest one installed. */
export type BackendName = (typeof BACKENDS)[number] | "auto";

/** What each backend needs installed; tfjs-node(-gpu) download libtensorflow at install time. */
const PACKAGES: Record<(typeof BACKENDS)[number], string | undefined> = {
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: undefined,
};

// The optional packages are imported by a computed name so that neither TypeScript nor a
// bundler insists on them being installed.
async function importOptional(name: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ name);
    return true;
  } catch {
    return false;
  }
}

async function tryBackend(name: (typeof BACKENDS)[number]): Promise<boolean> {
  const pkg = PACKAGES[name];
  if (pkg && !(await importOptional(pkg))) return false;
  // tfjs-node and tfjs-node-gpu both register their backend as "tensorflow".
  const registered = name === "tensorflow-gpu" ? "tensorflow" : name;
  try {
    const ok = await tf.setBackend(registered);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}

/**
 * Selects the tfjs backend: `auto` tries tfjs-node-gpu, tfjs-node, wasm, then cpu; a named
 * backend that is not installed is an InputError naming the install command.
 * Returns the name of the backend in use.
 */
export async function selectBackend(name: BackendName = "auto"): Promise<string> {
  if (name === "auto") {
    for (const candidate of BACKENDS) if (await tryBackend(candidate)) return candidate;
    throw new InputError("--backend", "no tfjs backend could be initialised");
  }
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw new InputError("--backend", `unknown backend '${name}' (choose one of auto, ${BACKENDS.join(", ")})`);
  }
  if (await tryBackend(name)) return name;
  const pkg = PACKAGES[name];
  throw new InputError(
    "--backend",
    `backend '${name}' is not available: install it with \`pnpm add -w ${pkg}\`` +
      (name.startsWith("tensorflow") ? " (it downloads libtensorflow at install time)" : ""),
  );
}
