/**
 * `text` safe for one terminal line: control characters (ESC sequences, CR, LF, C1 codes, the
 * Unicode line and paragraph separators, bidi overrides) are written as escapes (\n, \x1b, \u2028),
 * so a string that came through the queue can neither forge log lines nor drive the terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    if (named[c]) return named[c];
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
