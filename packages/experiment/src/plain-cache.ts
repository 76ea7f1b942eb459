import { createRandom } from "@equitable/core";
import { createModel, type TrainableModel } from "@equitable/model";
import { modelSpecOf, type Scenario } from "@equitable/scenario";

/** How many warm-start Plain PMs a sweep thread keeps (cells run seed by seed: a few suffice). */
const CAPACITY = 4;

/**
 * A sweep thread's warm-start Plain PMs by what trains them (the scenario less methods, q and β,
 * with the seed, data directory and backend). Training is deterministic, so a kept Plain PM has
 * the very weights a fresh training would give, and the seed's other Equitable PM cells fine-tune
 * from it instead of training Plain PM again.
 */
export class PlainCache {
  private readonly models = new Map<string, TrainableModel>();

  /** The key of a scenario's warm-start Plain PM. */
  static keyOf(scenario: Scenario, dataDir: string | undefined, backend: string): string {
    const { methods: _m, q: _q, beta: _b, ...rest } = scenario;
    return JSON.stringify({ rest, dataDir: dataDir ?? null, backend });
  }

  /** The kept Plain PM for a key (most recently used last). */
  get(key: string): TrainableModel | undefined {
    const model = this.models.get(key);
    if (model) {
      this.models.delete(key);
      this.models.set(key, model);
    }
    return model;
  }

  /** Keeps a copy of `model`'s weights under `key`, dropping the least recently used beyond capacity. */
  keep(key: string, scenario: Scenario, model: TrainableModel): void {
    if (this.models.has(key)) return;
    // The copy's initial weights are overwritten at once: any seed does.
    const copy = createModel(modelSpecOf(scenario), createRandom(0));
    copy.variables.forEach((v, k) => v.assign(model.variables[k]));
    this.models.set(key, copy);
    for (const [old, m] of this.models) {
      if (this.models.size <= CAPACITY) break;
      m.dispose();
      this.models.delete(old);
    }
  }
}
