/**
 * A .csv file → RawTable. Chinese Excel saves CSV as GBK/GB18030 (no BOM), newer versions as UTF-8 with
 * a BOM; "Unicode text" is UTF-16 LE with tabs. The delimiter is detected (comma, tab, semicolon) and
 * fields follow RFC 4180 (quotes, doubled quotes, line breaks inside quotes). Runs in Node and browsers.
 */
import { columnarTable, type RawTable } from '../../sheets/table';
import { InputFileError } from '../inputFileError';
import { CsvSplitError, MAX_FIELD_LINES, scanCsvBytes, splitErrors } from './scan';

export { CsvSplitError, MAX_FIELD_LINES } from './scan';

/** A file read as CSV, by its name (.csv, or .txt as some systems export). */
export const isCsvName = (name: string): boolean => /\.(csv|txt)$/iu.test(name);

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** Decodes bytes: BOM first, then strict UTF-8, else GB18030. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // Said to be UTF-8: bytes that are not are reported by csvToTable (mixedEncodingLine), never
    // turned into U+FFFD without a word.
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch (e) {
    // The decoder's TypeError may come from another realm (workers, test VMs): check its name.
    if ((e as { name?: unknown } | null)?.name !== 'TypeError') throw e;
    // Not valid UTF-8: what Chinese Excel writes by default — unless most of it is UTF-8 (mixedLine).
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * The first line (1-based) of UTF-16 LE text (without its byte order mark) that is not valid UTF-16: a
 * lone surrogate, or an odd byte at the end; 0 when all of it is valid. The decoder would turn such
 * bytes into U+FFFD without a word.
 */
export function badUtf16Line(bytes: Uint8Array): number {
  let line = 1;
  const units = bytes.length >> 1;
  for (let i = 0; i < units; i++) {
    const u = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
    if (u === 10) line++;
    else if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? (bytes[2 * i + 2] as number) | ((bytes[2 * i + 3] as number) << 8) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return line;
    } else if (u >= 0xdc00 && u <= 0xdfff) return line;
  }
  return bytes.length % 2 === 1 ? line : 0;
}

/**
 * The first line (1-based) that is not UTF-8 in a file whose other lines are UTF-8 with Chinese text
 * (rows pasted from a GBK file into a UTF-8 one), or 0. Decoding the whole file as GBK would garble every
 * UTF-8 line (the header too), decoding it as UTF-8 would garble that line: either is a silent wrong read.
 * A line counts as UTF-8 when it is valid UTF-8 and holds at least two 3-byte characters (Chinese): GBK
 * text is valid UTF-8 by accident only in short runs, never across such a line. `declaredUtf8` (a UTF-8
 * byte order mark): the first line that is not UTF-8, whatever the others hold.
 */
export function mixedEncodingLine(bytes: Uint8Array, declaredUtf8 = false): number {
  let line = 1;
  let firstBad = 0;
  let utf8Lines = 0;
  let lineBad = false;
  let lineWide = 0;
  const endLine = () => {
    if (lineBad) {
      if (firstBad === 0) firstBad = line;
    } else if (lineWide >= 2) utf8Lines++;
    line++;
    lineBad = false;
    lineWide = 0;
  };
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b === 10) endLine();
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok && len === 3) {
      const b1 = bytes[i + 1] as number;
      ok = !((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 >= 0xa0));
    }
    if (ok) {
      if (len === 3) lineWide++;
      i += len;
    } else {
      lineBad = true;
      i++;
    }
  }
  endLine();
  // With a UTF-8 byte order mark the file says it is UTF-8: any line that is not is reported.
  return firstBad > 0 && (utf8Lines > 0 || declaredUtf8) ? firstBad : 0;
}

/** Counts a delimiter outside quotes on one line. */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter that splits the first lines most consistently: the most common non-zero count across
 * the first 20 non-empty lines, weighted by how many lines share it. Defaults to comma.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  return delimiterOf(firstLines(text, 20));
}

/** The first `count` non-empty lines of a text (line breaks \r\n, \n or \r), without splitting all of it. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  const breaks = /\r\n|\n|\r/gu;
  let from = 0;
  while (lines.length < count && from <= text.length) {
    const m = breaks.exec(text);
    const to = m ? m.index : text.length;
    const l = text.slice(from, to);
    if (l.trim() !== '') lines.push(l);
    if (!m) break;
    from = breaks.lastIndex;
  }
  return lines;
}

function delimiterOf(lines: readonly string[]): ',' | '\t' | ';' {
  let best: { d: ',' | '\t' | ';'; score: number } = { d: ',', score: 0 };
  for (const d of [',', '\t', ';'] as const) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const c = countOutsideQuotes(l, d);
      if (c > 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let score = 0;
    for (const [c, lines2] of counts) score = Math.max(score, lines2 * 1000 + c);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

/**
 * The rule for a quoted field (SPEC §1.6: a row the reader cannot split is an error at that row, never
 * a merged field that swallows the rest of the file). Inside quotes a field may hold delimiters, doubled
 * quotes and line breaks (valid CSV: a 备注 written on several lines). It is an error when
 *  - the quote never closes (the field would run to the end of the file), or
 *  - the field spans more than MAX_FIELD_LINES lines (no real cell holds that many lines: a stray quote
 *    that happens to be closed by another stray quote further down), or
 *  - a field that spans lines is closed by a quote followed by more text instead of a delimiter or the
 *    line end (the closing quote was the opening quote of a later field).
 * The error names the row (the record, as Excel numbers it) and the file's line where the field starts.
 */
/** Line breaks (\r\n, \n or a lone \r) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * RFC 4180 parsing. Every field is text ("" → null). Fields are cut out of the text with slice(), never
 * built one character at a time: per-character concatenation leaves rope strings that cost ~30 bytes
 * per character (a 50 MB export with long 备注 cells took over 1 GB). A quoted field that breaks the
 * rule above ⇒ CsvSplitError.
 */
export function parseCsvText(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = text.length;
  let i = 0;
  /** 1-based line of the file where the current row starts / where position i is. */
  let line = 1;
  /** True when the last field ended at end of text right after a delimiter (a trailing empty field). */
  let pendingEmpty = false;
  while (i < n) {
    pendingEmpty = false;
    let field: string;
    if (text[i] === '"') {
      // Quoted: pieces between doubled quotes, joined once.
      const opened = i;
      const pieces: string[] = [];
      let start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw splitErrors.unclosed(rows.length + 1, line);
        }
        if (text[q + 1] === '"') {
          pieces.push(text.slice(start, q + 1));
          start = q + 2;
          j = start;
          continue;
        }
        pieces.push(text.slice(start, q));
        j = q + 1;
        break;
      }
      const spanned = lineBreaks(text, opened, j);
      if (spanned + 1 > MAX_FIELD_LINES) {
        throw splitErrors.tooLong(rows.length + 1, line, spanned + 1);
      }
      // Anything after the closing quote up to the delimiter/line end is kept (lenient, as Excel does)…
      let k = j;
      while (k < n && text[k] !== delimiter && text[k] !== '\r' && text[k] !== '\n') k++;
      if (k > j) {
        // …unless the field spans lines: then that "closing" quote opened a later field.
        if (spanned > 0) {
          throw splitErrors.textAfter(rows.length + 1, line, spanned + 1);
        }
        pieces.push(text.slice(j, k));
      }
      field = pieces.length === 1 ? (pieces[0] as string) : pieces.join('');
      line += spanned;
      i = k;
    } else {
      let k = i;
      while (k < n && text[k] !== delimiter && text[k] !== '\r' && text[k] !== '\n') k++;
      field = text.slice(i, k);
      i = k;
    }
    row.push(field);
    if (i >= n) break;
    const ch = text[i];
    if (ch === delimiter) {
      i++;
      pendingEmpty = true;
      continue;
    }
    // Line end (\r\n, \n or \r).
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
  }
  if (pendingEmpty) row.push('');
  // A last line without a line break is a row unless it is one empty field.
  if (row.length > 1 || (row.length === 1 && row[0] !== '')) rows.push(row);
  return rows;
}

/** True when the bytes look binary (NUL bytes outside UTF-16): an .xlsx renamed, a PDF… */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** A CSV file's bytes → RawTable named after the file (without extension). */
export function csvToTable(bytes: Uint8Array, fileName: string): RawTable & { encoding: CsvEncoding; delimiter: string } {
  const isUtf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!isUtf16 && (looksBinary(bytes) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03))) {
    throw new InputFileError(`文件“${fileName}”不是文本格式的 CSV（看起来是二进制文件，例如改了扩展名的 Excel 工作簿）。请用 .xlsx 扩展名，或在 Excel 中另存为“CSV（逗号分隔）”。`, fileName);
  }
  const sheet = sheetNameOf(fileName);
  const { utf8, text, encoding } = utf8Of(bytes, fileName, sheet);
  const delimiter = detectDelimiter(text ?? textOfFirstLines(utf8, 20));
  let columns;
  try {
    columns = scanCsvBytes(utf8, delimiter);
  } catch (e) {
    if (!(e instanceof CsvSplitError)) throw e;
    throw new InputFileError(`文件“${fileName}”${e.message}`, fileName, { sheet, row: e.row });
  }
  // Every CSV value is already its display text: no separate `text` grid. The cells stay coded column
  // by column (issue 17); `rows` is built only when something asks for it.
  const table = columnarTable({ sheet, file: fileName, originRow: 1, originCol: 1 }, columns);
  return Object.assign(table, { encoding, delimiter });
}

const hasUtf8Bom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** Node's own check (node:buffer isUtf8, through process.getBuiltinModule: Node ≥ 20.16), else undefined (browsers). */
const nativeIsUtf8 = (globalThis as { process?: { getBuiltinModule?: (id: string) => { isUtf8?: (b: Uint8Array) => boolean } | undefined } }).process?.getBuiltinModule?.('node:buffer')?.isUtf8;

/** True when the bytes are valid UTF-8, checked without decoding them (Node's check when there is one). */
export function isUtf8(bytes: Uint8Array): boolean {
  return nativeIsUtf8 ? nativeIsUtf8(bytes) : validUtf8(bytes);
}

/**
 * True when the bytes are valid UTF-8 (the WHATWG decoder's rules: no overlong forms, no surrogates,
 * nothing above U+10FFFF), checked without decoding them: decoding a 70 MB export only to check it
 * makes a 140 MB string.
 */
export function validUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return false;
    if (i + len > n) return false;
    const b1 = bytes[i + 1] as number;
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k < len; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
    i += len;
  }
  return true;
}

/**
 * The file as UTF-8 bytes for the scanner, with its encoding as decodeCsv decides it. Valid UTF-8 is
 * scanned as it is, never decoded whole. Any other file is decoded (`text`), after the checks that it
 * decodes without a silent loss (mixed encodings, damaged UTF-16), and encoded again.
 */
function utf8Of(bytes: Uint8Array, fileName: string, sheet: string): { utf8: Uint8Array; text?: string; encoding: CsvEncoding } {
  const hasBom = hasUtf8Bom(bytes);
  if (hasBom || !(bytes[0] === 0xff && bytes[1] === 0xfe)) {
    // decodeCsv's decoder drops one more byte order mark right after the first one.
    const body = hasBom ? (hasUtf8Bom(bytes.subarray(3)) ? bytes.subarray(6) : bytes.subarray(3)) : bytes;
    if (isUtf8(body)) return { utf8: body, encoding: 'utf-8' };
  }
  const { text, encoding } = decodeCsv(bytes);
  if (encoding === 'gb18030' || (hasBom && text.includes('\ufffd'))) {
    const bad = mixedEncodingLine(hasBom ? bytes.subarray(3) : bytes, hasBom);
    if (bad > 0) {
      throw new InputFileError(
        `文件“${fileName}”第${bad}行的编码与文件其余部分不同：文件是 UTF-8 编码，而这一行不是 UTF-8（像是 GBK/GB18030 编码的中文，多为从另一个文件粘贴而来）。整个文件按任何一种编码读都会有乱码，所以没有读取。请在该行重新输入这些文字，或把整个文件统一另存为“CSV UTF-8”后重试。`,
        fileName,
        { sheet, row: bad },
      );
    }
  }
  if (encoding === 'utf-16le') {
    const bad = badUtf16Line(bytes.subarray(2));
    if (bad > 0) {
      throw new InputFileError(
        `文件“${fileName}”第${bad}行有损坏的字节：文件是 UTF-16（Excel 的“Unicode 文本”）编码，而这一行的字节不是有效的 UTF-16（文件可能没有复制完整，或被其他程序改坏）。按原样读会把这些字读成乱码，所以没有读取。请在 Excel 中打开原始文件，检查这一行，重新另存为“CSV UTF-8”或“Unicode 文本”后重试。`,
        fileName,
        { sheet, row: bad },
      );
    }
  }
  return { utf8: new TextEncoder().encode(text), text, encoding };
}

/**
 * Enough of a UTF-8 file's start, decoded, to hold its first `count` non-empty lines (for detectDelimiter):
 * 1 MB cut after a line break, doubled while it holds fewer lines, else the whole file.
 */
function textOfFirstLines(utf8: Uint8Array, count: number): string {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let size = 1 << 20; size < utf8.length; size *= 2) {
    let cut = size;
    while (cut > 0 && utf8[cut - 1] !== 10 && utf8[cut - 1] !== 13) cut--;
    if (cut === 0) continue;
    const text = decoder.decode(utf8.subarray(0, cut));
    if (firstLines(text, count).length >= count) return text;
  }
  return decoder.decode(utf8);
}

/** "成绩 2023.csv" → "成绩 2023": a valid worksheet name (≤ 31 characters, no : \ / ? * [ ]). */
export function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/u, '').replace(/\.[^.]*$/u, '');
  const clean = base.replace(/[:\\/?*[\]]/gu, '_').slice(0, 31);
  return clean === '' ? 'CSV' : clean;
}

/** Node only: reads a .csv file from disk. */
export async function loadCsvFile(path: string): Promise<RawTable> {
  const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  const { basename } = await import(/* webpackIgnore: true */ 'node:path');
  return csvToTable(new Uint8Array(await readFile(path)), basename(path));
}
