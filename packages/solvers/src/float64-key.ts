/**
 * Numbers and arrays of numbers as a string of their float64 bytes (UTF-16 code units), for a
 * kind's instanceKey: exact, so 0.1 + 0.2 and 0.3 (or 0 and −0) differ. Each array is preceded
 * by its length, so [1, 2], [3] and [1], [2, 3] differ too; that makes keys unambiguous for one
 * shape of parts (numbers and arrays in the same positions), which is what one kind's key has.
 */
export function float64Key(...parts: readonly (number | ArrayLike<number>)[]): string {
  let size = 0;
  for (const part of parts) size += typeof part === "number" ? 1 : 1 + part.length;
  const packed = new Float64Array(size);
  let at = 0;
  for (const part of parts) {
    if (typeof part === "number") {
      packed[at++] = part;
      continue;
    }
    packed[at++] = part.length;
    for (let t = 0; t < part.length; t++) packed[at++] = part[t];
  }
  const units = new Uint16Array(packed.buffer);
  let text = "";
  // fromCharCode takes its units as arguments: stay well under the engines' argument limit.
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}
