/**
 * The ids of a population's M agents, frozen: the caller's (exactly M of them, else a RangeError
 * naming `owner`), or "<kind>-0" … "<kind>-{M−1}". `counted` names what M counts in the message.
 */
export function agentIds(owner: string, kind: string, m: number, ids: readonly string[] | undefined, counted = "agents"): readonly string[] {
  if (ids !== undefined && ids.length !== m) throw new RangeError(`${owner}: ${ids.length} ids for ${m} ${counted}`);
  return Object.freeze(ids ? [...ids] : Array.from({ length: m }, (_, j) => `${kind}-${j}`));
}
