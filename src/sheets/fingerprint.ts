/**
 * A short, deterministic fingerprint of the input tables (printed in 计算说明 so that a printed result
 * can be matched with the data it came from). Two 32-bit FNV-1a hashes (different seeds) over the
 * values; pure, fast, runs anywhere. Not a security hash.
 */
import { cellAt, isCellError, tableHeight, type CellValue, type RawTable } from './table';

const FNV_PRIME = 0x01000193;

function cellKey(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return `d${v.toISOString()}`;
  if (isCellError(v)) return `e${v.error}`;
  return `${typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's'}${String(v)}`;
}

/**
 * Fingerprints computed elsewhere for these very table objects (file mode: the file worker read and
 * hashed the tables, the page holds copies of them), by the first table: the tables as a list, and
 * the fingerprint. Tables are never changed after reading (a correction makes a new table).
 */
const known = new WeakMap<RawTable, { tables: readonly RawTable[]; print: string }[]>();

/** Records that `tables` (these objects, in this order) have fingerprint `print` (computed elsewhere). */
export function rememberFingerprint(tables: readonly RawTable[], print: string): void {
  const first = tables[0];
  if (!first) return;
  const list = known.get(first) ?? [];
  list.push({ tables: [...tables], print });
  known.set(first, list);
}

function remembered(tables: readonly RawTable[]): string | null {
  const list = tables[0] ? known.get(tables[0]) : undefined;
  const hit = list?.find((k) => k.tables.length === tables.length && k.tables.every((t, i) => t === tables[i]));
  return hit ? hit.print : null;
}

/**
 * Order of the tables matters not: they are hashed sorted by sheet name. The hashes run over the text
 * "\u0001sheet\u0001originRow,originCol", then per row "\u0002" and per cell "\u0003" + cellKey(value),
 * fed character by character without building those strings (a million grade rows: ~8 M cells).
 */
export function fingerprintTables(tables: readonly RawTable[]): string {
  const print = remembered(tables);
  if (print !== null) return print;
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, FNV_PRIME);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  };
  const feedChar = (c: number) => {
    h1 = Math.imul(h1 ^ c, FNV_PRIME);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  };
  const S = 's'.charCodeAt(0);
  const N = 'n'.charCodeAt(0);
  const sorted = [...tables].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0));
  for (const t of sorted) {
    feed(`\u0001${t.sheet}\u0001${t.originRow},${t.originCol}`);
    // Trailing empty cells and rows are not data: a host may read a wider or taller used range (e.g. the
    // blanked result block of a previous run), and the fingerprint must not change for that.
    // A columnar table (CSV) is read through its columns: its rows are never built.
    const cols = t.columns;
    const width = (r: number) => (cols ? cols.codes.length : (t.rows[r] ?? []).length);
    const at = cols ? (r: number, c: number) => cellAt(t, r, c) : (r: number, c: number) => t.rows[r]?.[c] ?? null;
    const rowEnd = (r: number) => {
      let last = width(r);
      while (last > 0 && at(r, last - 1) === null) last--;
      return last;
    };
    let lastRow = tableHeight(t);
    while (lastRow > 0 && rowEnd(lastRow - 1) === 0) lastRow--;
    for (let r = 0; r < lastRow; r++) {
      const last = rowEnd(r);
      feedChar(2);
      for (let c = 0; c < last; c++) {
        feedChar(3);
        const v = at(r, c);
        // The two common cases without a string built; cellKey for the rest.
        if (typeof v === 'string') {
          feedChar(S);
          feed(v);
        } else if (typeof v === 'number') {
          feedChar(N);
          feed(String(v));
        } else feed(cellKey(v));
      }
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
