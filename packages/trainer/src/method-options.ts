import type { z } from "zod";
import { InputError } from "@equitable/core";

/** A method's `methodOptions[<name>]` validated by its zod schema; an InputError naming `methodOptions.<name>.<field>` otherwise. */
export function parseMethodOptions<T>(name: string, schema: z.ZodType<T>, options: Readonly<Record<string, unknown>>): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue.code === "unrecognized_keys" ? `: ${issue.keys.join(", ")}` : "";
  throw new InputError(["methodOptions", name, ...issue.path].join("."), `${issue.message}${keys}`);
}
