/**
 * An error caused by the user's input (a scenario field, a data file, a line of it).
 * The CLI prints its message alone on one line and exits with code 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** What the error is about: "scenario.agents[0].type", "carbon/x.csv:17", ... */
  readonly where: string;
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.where = where;
  }
}
