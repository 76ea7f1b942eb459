import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { PROBE_SECONDS, probeRedis } from "./redis-probe.js";

describe("probeRedis", () => {
  it("a server that accepts and never answers is an InputError after the probe's wait, not a hang", async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const started = Date.now();
    try {
      const error = await probeRedis(`redis://127.0.0.1:${port}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
      // Bounded by the probe's own wait (a generous bound: this checks there is no hang, not speed).
      expect(Date.now() - started).toBeLessThan((PROBE_SECONDS + 5) * 1000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it("refuses an address that is not redis://", async () => {
    await expect(probeRedis("http://127.0.0.1:6379")).rejects.toThrow(/not a Redis address/);
  });
});
