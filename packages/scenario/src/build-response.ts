import { join } from "node:path";
import { InputError, responseModels, type Response } from "@equitable/core";
import type { Scenario } from "./schema.js";

/**
 * The scenario's response model built for its world (`baseline`: the world's signal per hour),
 * or undefined when `feedback` is absent. Errors name the field: `feedback.<field>`, or the data
 * file a fit could not read.
 */
export function buildResponse(scenario: Scenario, baseline: Float64Array, dataDir: string | undefined): Response | undefined {
  const feedback = scenario.feedback;
  if (!feedback) return undefined;
  const model = responseModels.require(feedback.model, "feedback.model");
  const { model: _name, ...params } = feedback;
  const data = scenario.data;
  try {
    return model.build(params, {
      baseline,
      source: data.source,
      dataFile(field) {
        const name = data.source === "real" ? (data as Record<string, unknown>)[field] : undefined;
        if (typeof name !== "string") throw new InputError(`data.${field}`, `response model '${feedback.model}' reads data.${field}: name the file`);
        if (!dataDir) throw new InputError("--data-dir", `scenario '${scenario.name}' reads real data files: pass --data-dir (e.g. ../shared/data)`);
        return join(dataDir, name);
      },
    });
  } catch (err) {
    // A model's own field errors come back named plainly ("slope"): put them under feedback.
    if (err instanceof InputError && /^[A-Za-z]+$/.test(err.where)) throw new InputError(`feedback.${err.where}`, err.message.slice(err.where.length + 2));
    throw err;
  }
}
