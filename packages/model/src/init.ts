import type { Random } from "@equitable/core";

/** Glorot-uniform weights drawn from a seeded source (tfjs initialisers' seeds are not portable). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Random): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (rng.next() * 2 - 1) * limit;
  return w;
}
