import { InputError } from "./errors.js";

/**
 * Entries looked up by name, as tfjs's kernel registry and Gymnasium's `register`/`make`: the
 * framework's extension points (agent kinds, training methods) are registries, never switches.
 * Each entry remembers where it came from ("built-in", a plugin's path), for error messages.
 */
export class Registry<T> {
  private readonly entries = new Map<string, { entry: T; origin: string }>();

  /** `what` names the entries in messages ("agent type"); `keyOf` gives an entry's name; `problemOf` says what an entry lacks. */
  constructor(
    readonly what: string,
    private readonly keyOf: (entry: T) => string,
    private readonly problemOf: (entry: T) => string | undefined = () => undefined,
  ) {}

  /** Adds an entry; an incomplete one, or another under a taken name, is an error; the same object again is a no-op. */
  register(entry: T, origin = "built-in"): void {
    const problem = this.problemOf(entry);
    if (problem) throw new TypeError(problem);
    const key = this.keyOf(entry);
    if (typeof key !== "string" || !/^[a-z][a-z0-9-]*$/.test(key)) {
      throw new TypeError(`${this.what} '${String(key)}' (from ${origin}): use lower-case letters, digits and '-', starting with a letter`);
    }
    const taken = this.entries.get(key);
    if (taken?.entry === entry) return;
    if (taken) throw new TypeError(`${this.what} '${key}' (from ${origin}) is already registered by ${taken.origin}`);
    this.entries.set(key, { entry, origin });
  }

  /** Removes an entry (tests that register their own). */
  unregister(key: string): void {
    this.entries.delete(key);
  }

  /** The entry registered under `key`, if any. */
  get(key: string): T | undefined {
    return this.entries.get(key)?.entry;
  }

  /** The entry under `key`, or an InputError at `where` listing the known names (and `hint`). */
  require(key: string, where: string, hint = ""): T {
    const found = this.entries.get(key);
    if (found) return found.entry;
    throw new InputError(where, `${this.unknownMessage(key)}${hint}`);
  }

  /** "unknown agent type 'x' (known: a, b)": the message `require` uses, for schemas that report it themselves. */
  unknownMessage(key: string): string {
    return `unknown ${this.what} '${key}' (known: ${this.keys().join(", ")})`;
  }

  /** Where an entry came from ("built-in", or the plugin that registered it). */
  originOf(key: string): string | undefined {
    return this.entries.get(key)?.origin;
  }

  /** Registered names, in registration order. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Registered entries, in registration order. */
  values(): T[] {
    return [...this.entries.values()].map((e) => e.entry);
  }
}
