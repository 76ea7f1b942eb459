import { Redis } from "ioredis";
import { InputError } from "@equitable/core";
import { redactSecrets, redactUrl } from "./redis-address.js";

/** How long a probe waits for Redis before saying it is unreachable. */
export const PROBE_SECONDS = 3;

/** Checks a --queue value's form: redis://host:port (rediss:// for TLS), optionally with a user, password and db. */
export function checkRedisUrl(url: string, where = "--queue"): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(where, `'${redactUrl(url)}' is not a Redis address: use redis://host:port`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new InputError(where, `'${redactUrl(url)}' is not a Redis address: use redis://host:port, rediss://host:port (TLS), redis://user:password@host:port (an ACL user)`);
  return parsed;
}

/**
 * Connects once, without retrying, and PINGs: an unreachable or refusing Redis is one InputError
 * within PROBE_SECONDS, where BullMQ's own connections would retry for ever.
 */
export async function probeRedis(url: string, where = "--queue"): Promise<void> {
  checkRedisUrl(url, where);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_SECONDS * 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The 'error' event carries the cause (ECONNREFUSED, ENOTFOUND); the rejection only "Connection is closed".
  let cause: Error | undefined;
  redis.on("error", (err: Error) => (cause ??= err));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_SECONDS} s`)), PROBE_SECONDS * 1000);
    });
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch (err) {
    const e = cause ?? (err as Error);
    const message = (e as NodeJS.ErrnoException).code ?? (e.message || String(e));
    // The address is shown, its password never (neither in it nor in the server's reply).
    throw new InputError(where, `cannot reach Redis at ${redactUrl(url)} (${redactSecrets(message, url)}): start redis-server there, or fix the address`);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
