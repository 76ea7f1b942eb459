import { expect, it } from "vitest";
import { InputError } from "./errors.js";

it("InputError names where the problem is, on one line", () => {
  const e = new InputError("carbon/x.csv:17", "column NG: 'abc' is not a number");
  expect(e).toBeInstanceOf(Error);
  expect(e.where).toBe("carbon/x.csv:17");
  expect(e.message).toBe("carbon/x.csv:17: column NG: 'abc' is not a number");
  expect(e.name).toBe("InputError");
});
