/**
 * The CSV reader's scanner (issue 17): UTF-8 bytes → dictionary-coded columns, without a JavaScript
 * string per cell. Each field's bytes are hashed as they are scanned and looked up among the distinct
 * values of its column seen so far; only distinct values are ever decoded to strings. A 1 M-row grade
 * export (70 MB) becomes eight Int32Array columns and a few tens of thousands of strings, where the
 * text parser made 8 M strings and 1 M row arrays (most of the run's memory and garbage collection).
 *
 * The rules are exactly those of `parseCsvText` (RFC 4180, the quoted-field rule and its errors; see
 * read.ts), which stays as the reference: test/hosts/csv/scan.test.ts checks both give the same rows
 * and the same errors on random texts. Delimiters, quotes and line breaks are ASCII, and in UTF-8 an
 * ASCII byte is never part of another character, so fields can be cut out of the bytes directly.
 */
import type { CellValue, TableColumns } from '../../sheets/table';

/** The longest a quoted field may run, in lines (read.ts explains the rule). */
export const MAX_FIELD_LINES = 50;

/** A row of a CSV the reader cannot split: where the offending quoted field starts. */
export class CsvSplitError extends Error {
  constructor(
    message: string,
    /** 1-based record (the row Excel shows) and 1-based line of the file. */
    readonly row: number,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSplitError';
  }
}

const splitWhere = (row: number, line: number) => `第${row}行（文件第${line}行）`;

/** The three ways a quoted field breaks the rule (read.ts), as errors at its row and line. */
export const splitErrors = {
  unclosed: (row: number, line: number) =>
    new CsvSplitError(`${splitWhere(row, line)}的字段以引号“"”开头，但直到文件末尾都没有配对的引号，无法分开各行。请检查该行（多为多余的一个引号），删除它或补上配对的引号后重试。`, row, line),
  tooLong: (row: number, line: number, lines: number) =>
    new CsvSplitError(`${splitWhere(row, line)}的字段以引号“"”开头，到配对的引号为止跨越了 ${lines} 行（单元格内换行最多按 ${MAX_FIELD_LINES} 行算），多为一个多余的引号吞掉了后面的行。请检查该行的引号后重试。`, row, line),
  textAfter: (row: number, line: number, lines: number) =>
    new CsvSplitError(`${splitWhere(row, line)}的字段以引号“"”开头，跨越了 ${lines} 行，其结束引号后面紧跟着其他文字，多为一个多余的引号把后面的行并进了这个字段。请检查该行的引号后重试。`, row, line),
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A copy of a typed array with room for at least `length` elements (doubling), the elements kept. */
function widened<T extends Uint8Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, length));
  b.set(a);
  return b;
}

/** FNV-1a of src[s, e). */
function hashOf(src: Uint8Array, s: number, e: number): number {
  let h = FNV_OFFSET;
  for (let k = s; k < e; k++) h = Math.imul(h ^ (src[k] as number), FNV_PRIME);
  return h;
}

/**
 * One column: each row's value number, and its distinct values found by their bytes. Open addressing;
 * a slot holds the value's hash beside its number, and a number's start and length sit side by side,
 * so that a lookup in a large column (20,000 学号 in shuffled order) touches few cache lines.
 */
class Column {
  codes: Int32Array;
  /** Slot k: hash at 2k, value number at 2k + 1 (0: free). */
  private slots = new Int32Array(128);
  /** Value number v: start of its bytes in `bytes` at 2v, their length at 2v + 1. */
  private spans = new Int32Array(64);
  /** The distinct values' bytes, one after another. */
  private bytes = new Uint8Array(1024);
  private used = 0;
  /** Value numbers in use (number 0 is the empty cell). */
  private size = 1;

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
  }

  /** The number of the value whose bytes are src[s, e) with hash h (a new number for a new value). */
  find(src: Uint8Array, s: number, e: number, h: number): number {
    const { slots, spans, bytes } = this;
    const mask = (slots.length >> 1) - 1;
    let p = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const id = slots[2 * p + 1] as number;
      if (id === 0) break;
      if (slots[2 * p] === h && spans[2 * id + 1] === e - s) {
        const at = (spans[2 * id] as number) - s;
        let k = s;
        while (k < e && bytes[at + k] === src[k]) k++;
        if (k === e) return id;
      }
      p = (p + 1) & mask;
    }
    return this.add(src, s, e, h, p);
  }

  /** A new value (src[s, e), hash h, free slot p): its number. */
  private add(src: Uint8Array, s: number, e: number, h: number, p: number): number {
    const len = e - s;
    const id = this.size++;
    if (2 * id + 1 >= this.spans.length) this.spans = widened(this.spans, 2 * id + 2);
    if (this.used + len > this.bytes.length) this.bytes = widened(this.bytes, this.used + len);
    this.bytes.set(src.subarray(s, e), this.used);
    this.spans[2 * id] = this.used;
    this.spans[2 * id + 1] = len;
    this.used += len;
    this.slots[2 * p] = h;
    this.slots[2 * p + 1] = id;
    if (this.size * 4 > this.slots.length) {
      // Over half full: rehash into twice the slots.
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      const mask = (this.slots.length >> 1) - 1;
      for (let k = 0; k < old.length; k += 2) {
        if (old[k + 1] === 0) continue;
        const hv = old[k] as number;
        let q = (hv ^ (hv >>> 16)) & mask;
        while (this.slots[2 * q + 1] !== 0) q = (q + 1) & mask;
        this.slots[2 * q] = hv;
        this.slots[2 * q + 1] = old[k + 1] as number;
      }
    }
    return id;
  }

  /** The values by number ([0] null), decoded. */
  values(decoder: { decode(bytes: Uint8Array): string }): CellValue[] {
    const out: CellValue[] = [null];
    for (let v = 1; v < this.size; v++) {
      const at = this.spans[2 * v] as number;
      out.push(decoder.decode(this.bytes.subarray(at, at + (this.spans[2 * v + 1] as number))));
    }
    return out;
  }
}

/**
 * UTF-8 bytes (no byte order mark) → the table's columns: every row as long as the widest, an empty
 * field as an empty cell (number 0). A quoted field that breaks the rule ⇒ CsvSplitError.
 */
export function scanCsvBytes(b: Uint8Array, delimiter: string): TableColumns {
  const d = delimiter.charCodeAt(0);
  const n = b.length;
  // Rows expected: the line feeds (columns grow past it when needed).
  let capacity = 16;
  for (let k = b.indexOf(LF); k >= 0; k = b.indexOf(LF, k + 1)) capacity++;
  const columns: Column[] = [];
  let scratch = new Uint8Array(256);
  /** Current record (0-based), field within it, 1-based line where position i is. */
  let row = 0;
  let col = 0;
  let line = 1;
  let pendingEmpty = false;
  /** Fields of the current record so far. */
  let fields = 0;
  let height = 0;
  const put = (src: Uint8Array, s: number, e: number, h: number) => {
    while (col >= columns.length) columns.push(new Column(capacity));
    if (row >= capacity) {
      capacity *= 2;
      for (const c of columns) c.codes = widened(c.codes, capacity);
    }
    if (e > s) {
      const column = columns[col] as Column;
      column.codes[row] = column.find(src, s, e, h);
    }
  };
  let i = 0;
  while (i < n) {
    pendingEmpty = false;
    if (b[i] === QUOTE) {
      // Quoted: pieces between doubled quotes (start, end, …), joined in `scratch` when there are several.
      const opened = i;
      const pieces: number[] = [];
      let start = i + 1;
      let j = start;
      for (;;) {
        const q = b.indexOf(QUOTE, j);
        if (q < 0) throw splitErrors.unclosed(row + 1, line);
        if (b[q + 1] === QUOTE) {
          pieces.push(start, q + 1);
          start = q + 2;
          j = start;
          continue;
        }
        pieces.push(start, q);
        j = q + 1;
        break;
      }
      let spanned = 0;
      for (let k = opened; k < j; k++) {
        const c = b[k];
        if (c === LF || (c === CR && b[k + 1] !== LF)) spanned++;
      }
      if (spanned + 1 > MAX_FIELD_LINES) throw splitErrors.tooLong(row + 1, line, spanned + 1);
      // Anything after the closing quote up to the delimiter/line end is kept (lenient, as Excel does)…
      let k = j;
      while (k < n && b[k] !== d && b[k] !== CR && b[k] !== LF) k++;
      if (k > j) {
        // …unless the field spans lines: then that "closing" quote opened a later field.
        if (spanned > 0) throw splitErrors.textAfter(row + 1, line, spanned + 1);
        pieces.push(j, k);
      }
      if (pieces.length === 2) put(b, pieces[0] as number, pieces[1] as number, hashOf(b, pieces[0] as number, pieces[1] as number));
      else {
        let joined = 0;
        for (let p = 0; p < pieces.length; p += 2) joined += (pieces[p + 1] as number) - (pieces[p] as number);
        if (joined > scratch.length) scratch = widened(scratch, joined);
        joined = 0;
        for (let p = 0; p < pieces.length; p += 2) {
          scratch.set(b.subarray(pieces[p] as number, pieces[p + 1] as number), joined);
          joined += (pieces[p + 1] as number) - (pieces[p] as number);
        }
        put(scratch, 0, joined, hashOf(scratch, 0, joined));
      }
      line += spanned;
      i = k;
    } else {
      let k = i;
      let h = FNV_OFFSET;
      while (k < n) {
        const c = b[k] as number;
        if (c === d || c === CR || c === LF) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        k++;
      }
      put(b, i, k, h);
      i = k;
    }
    fields = col + 1;
    if (i >= n) break;
    const ch = b[i];
    if (ch === d) {
      i++;
      pendingEmpty = true;
      col++;
      continue;
    }
    // Line end (\r\n, \n or \r).
    i += ch === CR && b[i + 1] === LF ? 2 : 1;
    line++;
    row++;
    height = row;
    col = 0;
    fields = 0;
  }
  if (pendingEmpty) {
    fields = col + 1;
    put(b, 0, 0, 0);
  }
  // A last line without a line break is a record unless it is one empty field.
  if (fields > 1 || (fields === 1 && (columns[0] as Column).codes[row] !== 0)) height = row + 1;
  else if (fields === 1) (columns[0] as Column).codes[row] = 0;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return {
    height,
    codes: columns.map((c) => (c.codes.length === height ? c.codes : c.codes.slice(0, height))),
    values: columns.map((c) => c.values(decoder)),
  };
}
