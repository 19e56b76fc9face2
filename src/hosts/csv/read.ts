/**
 * A .csv file → RawTable. Chinese Excel saves CSV as GBK/GB18030 (no BOM), newer versions as UTF-8 with
 * a BOM; "Unicode text" is UTF-16 LE with tabs. The delimiter is detected (comma, tab, semicolon) and
 * fields follow RFC 4180 (quotes, doubled quotes, line breaks inside quotes). Runs in Node and browsers.
 */
import type { CellValue, RawTable } from '../../sheets/table';
import { InputFileError } from '../inputFileError';

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** Decodes bytes: BOM first, then strict UTF-8, else GB18030. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
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
    // Not valid UTF-8: what Chinese Excel writes by default.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
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
  const lines = text.split(/\r\n|\n|\r/u).filter((l) => l.trim() !== '').slice(0, 20);
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
 * RFC 4180 parsing. Every field is text ("" → null). Fields are cut out of the text with slice(), never
 * built one character at a time: per-character concatenation leaves rope strings that cost ~30 bytes
 * per character (a 50 MB export with long 备注 cells took over 1 GB).
 */
export function parseCsvText(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = text.length;
  let i = 0;
  /** True when the last field ended at end of text right after a delimiter (a trailing empty field). */
  let pendingEmpty = false;
  while (i < n) {
    pendingEmpty = false;
    let field: string;
    if (text[i] === '"') {
      // Quoted: pieces between doubled quotes, joined once.
      const pieces: string[] = [];
      let start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          // Unterminated quote: the rest of the text is the field.
          pieces.push(text.slice(start));
          j = n;
          break;
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
      // Anything after the closing quote up to the delimiter/line end is kept (lenient, as Excel does).
      let k = j;
      while (k < n && text[k] !== delimiter && text[k] !== '\r' && text[k] !== '\n') k++;
      if (k > j) pieces.push(text.slice(j, k));
      field = pieces.length === 1 ? (pieces[0] as string) : pieces.join('');
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
    rows.push(row);
    row = [];
  }
  if (pendingEmpty) row.push('');
  // A last line without a line break is a row unless it is one empty field (as before: "" or a lone quote).
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
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  const raw = parseCsvText(text, delimiter);
  const width = raw.reduce((m, r) => Math.max(m, r.length), 0);
  const rows: CellValue[][] = raw.map((r) => {
    const out: CellValue[] = r.map((f) => (f === '' ? null : f));
    while (out.length < width) out.push(null);
    return out;
  });
  // Every CSV value is already its display text: no separate `text` grid (saves memory on big files).
  return { sheet: sheetNameOf(fileName), file: fileName, originRow: 1, originCol: 1, rows, encoding, delimiter };
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
