import { InputError, trainingMethods, type TrainingMethod, type TrainingObjective } from "@equitable/core";

/** "q" or "beta" from a zod issue path, prefixed by where the objective came from. */
function field(where: string, path: (string | number)[]): string {
  return path.length === 0 ? where : `${where}.${path.join(".")}`;
}

/**
 * An objective's registered method and the objective validated by the method's params (defaults
 * filled in); an InputError naming the field otherwise. `where` says where the objective came from.
 */
export function resolveObjective(objective: TrainingObjective, where = "objective"): { method: TrainingMethod; objective: TrainingObjective } {
  const method = trainingMethods.require(String(objective?.method), `${where}.method`);
  const parsed = method.params.safeParse(objective);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.code === "unrecognized_keys" ? `: ${issue.keys.join(", ")}` : "";
    throw new InputError(field(where, issue.path), `${issue.message}${keys} (method '${method.name}')`);
  }
  return { method, objective: parsed.data };
}
