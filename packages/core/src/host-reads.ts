/** Backends whose tensors live in host memory, so `dataSync` is cheap and always works. */
const HOST_BACKENDS = new Set(["cpu", "wasm", "tensorflow"]);

/**
 * Whether tfjs backend `name` (pass `tf.getBackend()`) can read tensors synchronously. WebGPU keeps
 * them on the device and its `dataSync` fails under Node (it needs an OffscreenCanvas): code that
 * reads inside a step (fused custom ops on typed arrays, the fused Adam) takes its tfjs-op
 * reference there instead. Takes the name so that core stays free of a runtime tfjs import.
 */
export function hostReads(name: string): boolean {
  return HOST_BACKENDS.has(name);
}
