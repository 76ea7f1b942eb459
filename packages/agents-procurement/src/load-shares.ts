/**
 * Each desk's load share s_{j,t} at the predicted hours: the trace normalised to mean 1, desk j
 * reading it from chunk j on (a circular shift by j·⌊n/M⌋ hours), so desks differ by which
 * stretch of the trace they see, as the paper's authors built their agents. Returns rows×M.
 */
export function loadShares(trace: Float64Array, ticks: Int32Array, count: number): Float32Array {
  const n = trace.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += trace[t];
  const mean = sum / n;
  const chunk = Math.floor(n / count);
  const out = new Float32Array(ticks.length * count);
  for (let i = 0; i < ticks.length; i++) {
    for (let j = 0; j < count; j++) out[i * count + j] = trace[(ticks[i] + j * chunk) % n] / mean;
  }
  return out;
}
