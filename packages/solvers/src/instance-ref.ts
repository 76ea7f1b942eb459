/** Which agent and which instance (sample, row, ...) a problem belongs to, for error messages. */
export interface InstanceRef {
  /** The agent's id, e.g. "ev-3". */
  agent?: string;
  /** A number reads as "sample N"; a string is printed as given (e.g. "row 5, agent 2"). */
  instance?: string | number;
}

/** "agent ev-3, sample 17" (the parts that are set), or "" when the ref names nothing. */
export function describeInstance(ref: InstanceRef | undefined): string {
  if (ref === undefined) return "";
  const parts: string[] = [];
  if (ref.agent !== undefined) parts.push(`agent ${ref.agent}`);
  if (typeof ref.instance === "number") parts.push(`sample ${ref.instance}`);
  else if (ref.instance !== undefined) parts.push(ref.instance);
  return parts.join(", ");
}

/** The InputError `where` for a field of an instance: "agent ev-3, sample 17, costs[4]". */
export function whereIn(ref: InstanceRef | undefined, field: string): string {
  const prefix = describeInstance(ref);
  return prefix === "" ? field : `${prefix}, ${field}`;
}
