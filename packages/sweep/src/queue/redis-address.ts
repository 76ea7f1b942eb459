import { InputError } from "@equitable/core";

/**
 * The address with its password replaced by `***` (redis://user:***@host:port), for every log
 * line and error: a Redis ACL password printed once is in someone's terminal scroll-back for good.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.href;
  } catch {
    // Not a URL: whatever stands before an '@' may be credentials.
    return url.includes("@") ? `***${url.slice(url.lastIndexOf("@"))}` : url;
  }
}

/** `text` with the address's password (as written and URL-decoded) replaced by `***`: for messages that quote the raw address. */
export function redactSecrets(text: string, url: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (password === "") return text;
  let out = text.replace(url, redactUrl(url));
  for (const secret of new Set([password, safeDecode(password)])) if (secret.length > 0) out = out.split(secret).join("***");
  return out;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** BullMQ keeps a queue's keys under `bull:<name>:…`: a name may not hold the separator (or anything that is not plain text). */
const QUEUE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Checks a --queue-name value: letters, digits, '.', '_' and '-' only, so BullMQ's ':' key separator is refused up front. */
export function checkQueueName(name: string | undefined, where = "--queue-name"): void {
  if (name === undefined || QUEUE_NAME.test(name)) return;
  const shown = JSON.stringify(name).slice(1, -1);
  const why = name.includes(":") ? "cannot hold ':' (BullMQ's key separator)" : "must be 1–100 letters, digits, '.', '_' or '-'";
  throw new InputError(where, `'${shown}' ${why}: use letters, digits, '.', '_' or '-'`);
}
