import { readFileSync } from "node:fs";
import { CsvError, parse } from "csv-parse/sync";
import { InputError } from "@equitable/core";

/** One data row of a CSV file, with the 1-based file line it came from. */
export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  /** Cells keyed by header name. */
  readonly cells: Readonly<Record<string, string>>;
}

/** A parsed CSV file: its header and its data rows. */
export interface CsvTable {
  /** The path as the caller gave it, used in every error's `where`. */
  readonly file: string;
  /** Column names from the header line. */
  readonly columns: readonly string[];
  /** Data rows, in file order; never empty. */
  readonly rows: readonly CsvRow[];
}

/** One record of a header-less CSV file, with its 1-based file line. */
export interface CsvRecord {
  /** 1-based line number in the file. */
  readonly line: number;
  /** Cells by position. */
  readonly cells: readonly string[];
}

/** Reads a whole file as text; a missing or unreadable file is the user's problem, not a crash. */
export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(file, "file not found");
    throw new InputError(file, `cannot read file (${code ?? String(error)})`);
  }
}

function parseOrThrow<T>(file: string, text: string, options: Record<string, unknown>): T[] {
  try {
    // "\r\r\n" (a CRLF file converted to CRLF again) is one line break, as grep and editors count
    // it; left alone, csv-parse counts each "\r" as a line and reports the wrong line numbers.
    return parse(text.replace(/\r+\n/g, "\n"), { bom: true, skip_empty_lines: true, info: true, ...options }) as T[];
  } catch (error) {
    if (error instanceof CsvError) {
      const lines: unknown = error.lines;
      throw new InputError(typeof lines === "number" && lines > 0 ? `${file}:${lines}` : file, error.message);
    }
    throw error;
  }
}

/**
 * Reads a CSV file whose first line names the columns. Throws InputError for a missing file,
 * malformed CSV (file:line), a missing required column (file:1), or no data rows (file).
 */
export function readCsv(file: string, required: readonly string[] = []): CsvTable {
  const text = readText(file);
  let columns: string[] = [];
  let rows: CsvRow[];
  const simple = parseSimpleCsv(text);
  if (simple) ({ columns, rows } = simple);
  else {
    const parsed = parseOrThrow<{ record: Record<string, string>; info: { lines: number } }>(file, text, {
      columns: (header: string[]) => {
        columns = header.map((name) => name.trim());
        return columns;
      },
    });
    rows = parsed.map(({ record, info }) => ({ line: info.lines, cells: record }));
  }
  if (columns.length === 0) throw new InputError(file, "no data rows (the file is empty)");
  for (const name of required) {
    if (!columns.includes(name)) throw new InputError(`${file}:1`, `missing column "${name}"`);
  }
  if (rows.length === 0) throw new InputError(file, "no data rows");
  return { file, columns, rows };
}

/**
 * readCsv's header and rows for the common case, a file without quotes whose every non-blank
 * line has the header's number of cells, as csv-parse would give them (BOM dropped, "\r+\n"
 * one line break, blank lines skipped but counted, header names trimmed, cells not). Anything
 * else (quotes, a lone "\r", ragged rows, repeated or no header) returns undefined and goes to
 * csv-parse, which also words the errors. csv-parse spent ~0.3 s of CPU on the Azure demand file
 * (17 k lines) at every run; this loop a few ms.
 */
export function parseSimpleCsv(text: string): { columns: string[]; rows: CsvRow[] } | undefined {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r+\n/g, "\n");
  if (body.includes('"') || body.includes("\r")) return undefined;
  const lines = body.split("\n");
  let k = 0;
  while (k < lines.length && lines[k] === "") k++;
  if (k === lines.length) return undefined;
  const columns = lines[k].split(",").map((name) => name.trim());
  if (new Set(columns).size !== columns.length) return undefined;
  const rows: CsvRow[] = [];
  for (let i = k + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const values = line.split(",");
    if (values.length !== columns.length) return undefined;
    const cells: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) cells[columns[c]] = values[c];
    rows.push({ line: i + 1, cells });
  }
  return { columns, rows };
}

/**
 * Reads a header-less CSV file from 1-based line `fromLine` on (rows may differ in length),
 * for formats such as EPW that carry a free-form preamble. Throws InputError for no data rows.
 */
export function readCsvRecords(file: string, fromLine = 1): CsvRecord[] {
  const text = readText(file);
  const parsed = parseOrThrow<{ record: string[]; info: { lines: number } }>(file, text, {
    from_line: fromLine,
    relax_column_count: true,
    relax_quotes: true,
  });
  if (parsed.length === 0) throw new InputError(file, "no data rows");
  return parsed.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses one numeric cell: undefined when blank, a finite number when it is a plain decimal,
 * InputError naming file:line and the column otherwise. Number() alone would accept "0x1F" and " ",
 * and a decimal such as "1e309" overflows to Infinity.
 */
export function numberCell(file: string, line: number, column: string, text: string | undefined): number | undefined {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return undefined;
  if (!NUMBER.test(trimmed)) {
    throw new InputError(`${file}:${line}`, `column "${column}": "${trimmed}" is not a number`);
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new InputError(`${file}:${line}`, `column "${column}": "${trimmed}" is too large for a float64 (it overflows to ${value})`);
  }
  return value;
}
