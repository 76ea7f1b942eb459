import { hostReads, InputError } from "@equitable/core";

/**
 * Refuses a device backend (webgpu) for a command whose simulation clock reads each tick's forecast
 * synchronously: under Node a webgpu tensor can only be read with `await`, and the tick loop cannot
 * wait, so it would fail mid-run instead of before any output.
 */
export function requireHostBackend(backend: string, command: string): void {
  if (hostReads(backend)) return;
  throw new InputError("--backend", `${command} runs on a host backend only (cpu, wasm, tensorflow): its clock reads each tick's forecast synchronously, which ${backend} cannot; train with --backend ${backend}, then simulate the saved model with --backend wasm`);
}
