/**
 * Bytes the same way in Node (the CLI) and in the browser (file mode's worker, issue 17): Node's Buffer
 * where there is one (native), plain Uint8Array, TextEncoder and the array's own search elsewhere — where
 * a Buffer would be a JavaScript polyfill, many times slower. The same bytes either way.
 */

/** Node's Buffer, or null in the browser. */
export const nodeBuffer: typeof Buffer | null = typeof process !== 'undefined' && process.versions?.node ? Buffer : null;

const encoder = new TextEncoder();

/** UTF-8 bytes of `s`. */
export function utf8(s: string): Uint8Array {
  return nodeBuffer ? nodeBuffer.from(s, 'utf8') : encoder.encode(s);
}

/** `parts` one after the other (the part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[], length = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Where `needle` first occurs in `hay`, or -1. In the browser the search looks for the needle's byte at
 * `anchor` (pick a rare one) with the array's native indexOf, then compares the rest.
 */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, anchor = 0): number {
  if (nodeBuffer) return nodeBuffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle);
  const a = needle[anchor]!;
  for (let i = hay.indexOf(a, anchor); i >= 0; i = hay.indexOf(a, i + 1)) {
    const start = i - anchor;
    if (start + needle.length > hay.length) return -1;
    let k = 0;
    while (k < needle.length && hay[start + k] === needle[k]) k++;
    if (k === needle.length) return start;
  }
  return -1;
}
