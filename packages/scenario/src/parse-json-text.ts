import { InputError } from "@equitable/core";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** 1-based line and column of a character offset ("\r\n", "\n" and a lone "\r" each end a line). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * Parses a JSON file's text; a byte-order mark is dropped (editors on Windows write one, and the
 * CSV readers accept it too). Invalid JSON is one InputError at file:line:column: V8's own message
 * gives no position for some errors and quotes the text, newlines included.
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    // JSON.parse decides validity; jsonc-parser, told to allow nothing beyond JSON, locates the error.
    const errors: ParseError[] = [];
    parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    // Something only JSON.parse rejects (a leading zero): its message, on one line.
    if (!first) throw new InputError(file, `not valid JSON (${(err as Error).message.replace(/\s+/g, " ")})`);
    const { line, column } = lineColumn(body, first.offset);
    throw new InputError(`${file}:${line}:${column}`, `not valid JSON (${describe(printParseErrorCode(first.error))})`);
  }
}

/** "PropertyNameExpected" → "property name expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
