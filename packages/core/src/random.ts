import seedrandom from "seedrandom";

/**
 * A seeded random source. Every stochastic piece of the framework takes one explicitly,
 * so the same seed always gives the same numbers (no Math.random anywhere).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal draw (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new independent stream derived from this one and a label (for sub-components). */
  fork(label: string): Random;
  /** The seed this stream was built from. */
  readonly seed: string;
}

/** Builds a {@link Random} on seedrandom's alea generator. */
export function createRandom(seed: number | string): Random {
  const seedText = String(seed);
  const prng = seedrandom.alea(seedText);
  let spare: number | undefined;
  return {
    seed: seedText,
    next: () => prng(),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = prng();
      const v = prng();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (n: number) => Math.floor(prng() * n),
    fork: (label: string) => createRandom(`${seedText}/${label}`),
  };
}

/** Fisher–Yates permutation of 0..n−1 drawn from `rng`. */
export function permutation(n: number, rng: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p;
}
