import type { AgentBuildContext } from "@equitable/core";
import { loadEvSessions, syntheticEvSessions, type EvSessions } from "@equitable/data";

/**
 * The world's EV session log, loaded once and shared by every group that reads it (`data.ev`, or
 * seeded synthetic sessions; the first group's size sets the synthetic count).
 */
export function sharedEvSessions(ctx: AgentBuildContext, count: number): EvSessions {
  return ctx.shared<EvSessions>("ev/sessions", () => {
    if (ctx.source === "synthetic") return syntheticEvSessions({ count: Math.max(4000, count * 50), seed: ctx.seed });
    const loaded = loadEvSessions(ctx.dataFile("ev"));
    ctx.quirks("ev", loaded.quirks);
    return loaded.sessions;
  });
}
