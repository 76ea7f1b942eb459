/** `values` laid end to end `times` times (a row tiled into a batch, or a batch into S samples). */
export function repeat(values: Float32Array, times: number): Float32Array {
  const out = new Float32Array(values.length * times);
  for (let k = 0; k < times; k++) out.set(values, k * values.length);
  return out;
}
