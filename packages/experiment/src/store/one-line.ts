/** Text on one line: runs of whitespace with a newline in them become one space, and the ends are trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
