import fc from "fast-check";

/**
 * A population small enough to solve exactly: M agents whose costs C_m(θ) ≥ 0 depend on one
 * scalar θ (a forecast shift, say) and are convex in it, on a search interval. Users describe
 * their own kind this way to run the equity properties on it.
 */
export interface ScalarPopulation {
  /** Number of agents. */
  readonly agents: number;
  /** C_1(θ) … C_M(θ), each ≥ 0 and convex in θ. */
  costs(theta: number): Float64Array;
  /** Where the optimum lies. */
  readonly domain: readonly [number, number];
}

/** Quadratic agents C_m(θ) = a_m·(θ − t_m)² + c_m: each wants θ = t_m, at curvature a_m, with an unavoidable cost c_m. */
export function quadraticPopulation(agents: readonly { a: number; t: number; c: number }[]): ScalarPopulation {
  return {
    agents: agents.length,
    costs: (theta) => Float64Array.from(agents, ({ a, t, c }) => a * (theta - t) ** 2 + c),
    domain: [Math.min(...agents.map((g) => g.t)) - 1, Math.max(...agents.map((g) => g.t)) + 1],
  };
}

/** fast-check populations of 2–6 quadratic agents that disagree (targets spread in [−5, 5]). */
export function quadraticPopulations(): fc.Arbitrary<ScalarPopulation> {
  const agent = fc.record({
    a: fc.double({ min: 0.1, max: 5, noNaN: true }),
    t: fc.double({ min: -5, max: 5, noNaN: true }),
    c: fc.double({ min: 0.01, max: 3, noNaN: true }),
  });
  return fc.array(agent, { minLength: 2, maxLength: 6 }).map(quadraticPopulation);
}
