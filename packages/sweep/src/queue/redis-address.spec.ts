import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { escapeControls } from "./log-line.js";
import { checkQueueName, redactSecrets, redactUrl } from "./redis-address.js";

describe("Redis addresses, queue names and log lines", () => {
  it("redacts an ACL user's password, in the address and wherever a message quotes it (encoded or not)", () => {
    expect(redactUrl("redis://alice:s%40cret@h:6380/2")).toBe("redis://alice:***@h:6380/2");
    expect(redactUrl("rediss://:pw@h:6380")).toBe("rediss://:***@h:6380");
    expect(redactUrl("redis://h:6379")).toBe("redis://h:6379");
    expect(redactUrl("not a url user:pw@h")).toBe("***@h");
    const url = "redis://alice:s%40cret@h:6380";
    expect(redactSecrets(`connect to ${url} failed; auth s@cret and s%40cret refused`, url)).toBe("connect to redis://alice:***@h:6380 failed; auth *** and *** refused");
  });

  it("refuses a queue name BullMQ would split at ':' (or any name that is not plain), naming --queue-name", () => {
    expect(() => checkQueueName("a:b")).toThrow(new InputError("--queue-name", "'a:b' cannot hold ':' (BullMQ's key separator): use letters, digits, '.', '_' or '-'"));
    expect(() => checkQueueName("a\nb")).toThrow(/^--queue-name: 'a\\nb' must be/);
    expect(() => checkQueueName("")).toThrow(InputError);
    expect(() => checkQueueName("equitable-cells.v2_a")).not.toThrow();
    expect(() => checkQueueName(undefined)).not.toThrow();
  });

  it("escapes control characters, C1 codes and line separators, leaving other text as it is", () => {
    expect(escapeControls("a\nb\r\tc\u001b[2J\u009b\u2028é ✓")).toBe("a\\nb\\r\\tc\\x1b[2J\\x9b\\u2028é ✓");
  });
});
