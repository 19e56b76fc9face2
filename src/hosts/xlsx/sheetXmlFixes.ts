/**
 * The browser's file mode loads an .xlsx into ExcelJS's prebuilt browser bundle (package.json "browser":
 * dist/exceljs.min.js, which webpack picks), whose parsers the CLI's patch (exceljsPatches.ts) cannot
 * reach. So before ExcelJS sees a file, its worksheet XML is checked and, where ExcelJS would misread
 * it, rewritten to what it means — by the rules of the CLI's reader (streamRead.ts: parseSheet), so that
 * both read the same file the same way (issue 14):
 * - `<c t="d"><v>2024-03-25T00:00:00</v></c>` (openpyxl and others) is an ISO date: its serial number
 *   (`t="n"`), a Date under a date format; text that is no date stays text (`t="str"`). ExcelJS read the
 *   number 2024 (1905-07-16): the 学籍异动 cutoff silently stopped applying.
 * - `r` is optional on <row> and <c>: without it, the row after the previous one, the next column
 *   (written in). ExcelJS refused the sheet ("Invalid row number in model").
 * - a shared-string index that does not exist, a row or cell address off Excel's grid ⇒ InputFileError
 *   located at that cell (ExcelJS read a blank, or a cell nobody can find);
 * - a merge larger than one whole column ⇒ MERGE_TOO_BIG at its first cell, and the merge left out
 *   (ExcelJS makes every cell it covers: A1:XFD1048576 froze the tab).
 * Runs in Node and in the browser (JSZip, no Node modules). A file none of this applies to is given to
 * ExcelJS as it is.
 */
import JSZip from 'jszip';
import type { Issue } from '../../engine/issues';
import { columnIndex, columnLetter, parseRange } from '../../sheets/table';
import { CellReadError, cellReadFileError, isoToSerial, MAX_MERGE_CELLS, missingSharedString, offGridCell, offGridRow, tooBigMerge, validAddress } from './bounds';
import { attributeOf, textOf, XmlTokenizer, type XmlAttributes } from './xmlTokens';

interface Attribute {
  value: string;
  /** Where the raw value (inside the quotes) starts and ends. */
  start: number;
  end: number;
}
interface Tag {
  /** Just after the name ("<row|"), where an attribute can be inserted. */
  afterName: number;
  /** Just after ">". */
  end: number;
  selfClosing: boolean;
  attrs: Map<string, Attribute>;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The open tag at `lt` ("<name …>"), or null when it is not well formed (left for ExcelJS to refuse). */
function readTag(s: string, lt: number): Tag | null {
  let p = lt + 1;
  while (p < s.length && !isSpace(s[p]) && s[p] !== '>' && s[p] !== '/') p++;
  const afterName = p;
  const attrs = new Map<string, Attribute>();
  for (;;) {
    while (isSpace(s[p])) p++;
    if (p >= s.length) return null;
    if (s[p] === '>') return { afterName, end: p + 1, selfClosing: false, attrs };
    if (s[p] === '/') return s[p + 1] === '>' ? { afterName, end: p + 2, selfClosing: true, attrs } : null;
    const nameStart = p;
    while (p < s.length && !isSpace(s[p]) && s[p] !== '=' && s[p] !== '>' && s[p] !== '/') p++;
    const name = s.slice(nameStart, p);
    while (isSpace(s[p])) p++;
    if (s[p] !== '=') return null;
    p++;
    while (isSpace(s[p])) p++;
    const quote = s[p];
    if (quote !== '"' && quote !== "'") return null;
    const close = s.indexOf(quote, p + 1);
    if (close < 0) return null;
    attrs.set(name, { value: attributeOf(s.slice(p + 1, close)), start: p + 1, end: close });
    p = close + 1;
  }
}

/** "XFD12" → 16384 (0 when the reference has no column letters), as the CLI's reader. */
function refColumn(ref: string): number {
  const m = /^\$?([A-Za-z]{1,4})\$?\d/u.exec(ref);
  return m ? columnIndex(m[1] as string) : 0;
}

/** An edit of the sheet's text: replace [from, to) by `text`. */
type Edit = [from: number, to: number, text: string];

interface SheetRules {
  sheet: string;
  sharedStrings: () => number;
  date1904: boolean;
  issues: Issue[];
}

/**
 * The edits one worksheet's XML needs (empty: none). Throws CellReadError for a cell that cannot be read.
 * Comments, CDATA and processing instructions inside <sheetData> are skipped; a tag that is not well
 * formed stops the checks (ExcelJS refuses such a file with its own error).
 */
export function sheetXmlEdits(s: string, rules: SheetRules): Edit[] {
  const edits: Edit[] = [];
  const open = s.indexOf('<sheetData');
  let i = open < 0 ? s.length : open;
  let rowNumber = 0;
  let lastRow = 0;
  let col = 0;
  let dataEnd = s.length;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) break;
    if (s.startsWith('<!--', lt) || s.startsWith('<![CDATA[', lt) || s.startsWith('<?', lt)) {
      const endMark = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<?', lt) ? '?>' : ']]>';
      const e = s.indexOf(endMark, lt);
      if (e < 0) return edits;
      i = e + endMark.length;
      continue;
    }
    if (s[lt + 1] === '/') {
      const gt = s.indexOf('>', lt);
      if (gt < 0) return edits;
      const name = s.slice(lt + 2, gt).trim();
      i = gt + 1;
      if (name === 'sheetData') {
        dataEnd = i;
        break;
      }
      if (name === 'row') rowNumber = 0;
      continue;
    }
    const tag = readTag(s, lt);
    if (!tag) return edits;
    const name = s.slice(lt + 1, tag.afterName);
    i = tag.end;
    if (name === 'sheetData' && tag.selfClosing) {
      dataEnd = i;
      break;
    }
    if (name === 'row') {
      const r = tag.attrs.get('r')?.value;
      rowNumber = r === undefined ? lastRow + 1 : parseInt(r, 10);
      if (!validAddress(rowNumber, 1)) throw offGridRow(r, rowNumber);
      if (r === undefined) edits.push([tag.afterName, tag.afterName, ` r="${rowNumber}"`]);
      lastRow = rowNumber;
      col = 0;
      if (tag.selfClosing) rowNumber = 0;
    } else if (name === 'c' && rowNumber) {
      const ref = tag.attrs.get('r')?.value;
      col = ref !== undefined ? refColumn(ref) : col + 1;
      if (!validAddress(rowNumber, col)) throw offGridCell(ref, rowNumber, col);
      if (ref === undefined) edits.push([tag.afterName, tag.afterName, ` r="${columnLetter(col)}${rowNumber}"`]);
      const t = tag.attrs.get('t');
      if (t?.value !== 'd' && t?.value !== 's') continue;
      const close = tag.selfClosing ? tag.end : s.indexOf('</c>', tag.end);
      if (close < 0) return edits;
      const inner = s.slice(tag.end, close);
      const v = /<v(?:\s[^>]*)?>([^<]*)<\/v>/u.exec(inner);
      const raw = v?.[1] ?? '';
      const value = raw === '' ? undefined : textOf(raw);
      if (t.value === 'd') {
        // As the CLI's reader: an ISO date is its serial number (also as a formula's result), else text.
        const serial = value === undefined ? null : isoToSerial(value, rules.date1904);
        edits.push([t.start, t.end, serial === null ? 'str' : 'n']);
        if (serial !== null && v) {
          const from = tag.end + v.index + v[0].indexOf('>') + 1;
          edits.push([from, from + raw.length, String(serial)]);
        }
      } else if (value !== undefined && !/<f[\s/>]/u.test(inner)) {
        const index = Number(value.trim());
        if (!(Number.isInteger(index) && index >= 0 && index < rules.sharedStrings())) throw missingSharedString(value, rules.sharedStrings(), rowNumber, col);
      }
    }
  }
  // Merges (after <sheetData>): one larger than a whole column is an error there, and left out.
  for (let m = s.indexOf('<mergeCell', dataEnd); m >= 0; m = s.indexOf('<mergeCell', m + 1)) {
    const tag = readTag(s, m);
    if (!tag || s.slice(m + 1, tag.afterName) !== 'mergeCell') continue;
    const ref = tag.attrs.get('ref')?.value;
    const range = ref === undefined ? null : parseRange(ref);
    if (!ref || !range || !validAddress(range.bottom, range.right)) continue;
    const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cells <= MAX_MERGE_CELLS) continue;
    rules.issues.push(tooBigMerge(rules.sheet, ref, range, cells));
    const end = tag.selfClosing ? tag.end : s.indexOf('</mergeCell>', tag.end) + '</mergeCell>'.length;
    edits.push([m, end < tag.end ? tag.end : end, '']);
  }
  return edits;
}

/** `s` with `edits` applied (any order, none overlapping). */
export function applyEdits(s: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to, text] of sorted) {
    out += s.slice(at, from) + text;
    at = to;
  }
  return out + s.slice(at);
}

/** Calls `open` for each open tag of an XML part (the tokenizer the CLI reads sheets with). */
function eachTag(xml: string, open: (name: string, attributes: XmlAttributes) => void): void {
  const tokenizer = new XmlTokenizer({ open, text: () => {}, close: () => {} });
  tokenizer.write(xml);
  tokenizer.end();
}

/**
 * `bytes` (an .xlsx) as ExcelJS must be given it (the same bytes when nothing needed fixing), and the
 * issues found (MERGE_TOO_BIG). A cell that cannot be read ⇒ InputFileError located at it. Any other
 * failure (a damaged zip or XML) is thrown as it is, for the caller to word.
 */
export async function fixSheetXml(bytes: Uint8Array, fileName: string, issues: Issue[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const workbookPart = zip.file('xl/workbook.xml');
  const relsPart = zip.file('xl/_rels/workbook.xml.rels');
  if (!workbookPart || !relsPart) return bytes;
  const sheets: { name: string; rId: string }[] = [];
  let date1904 = false;
  eachTag(await workbookPart.async('string'), (name, a) => {
    if (name === 'sheet') sheets.push({ name: a.get('name') ?? '', rId: a.get('r:id') ?? '' });
    else if (name === 'workbookPr') date1904 = a.get('date1904') === '1'; // as ExcelJS (and so the CLI) reads it
  });
  const targets = new Map<string, string>();
  eachTag(await relsPart.async('string'), (name, a) => {
    if (name === 'Relationship') targets.set(a.get('Id') ?? '', a.get('Target') ?? '');
  });
  let sharedCount: number | null = null;
  const stringsXml = await zip.file('xl/sharedStrings.xml')?.async('string');
  const sharedStrings = () => {
    if (sharedCount === null) {
      let n = 0;
      if (stringsXml !== undefined) eachTag(stringsXml, (name) => (n += name === 'si' ? 1 : 0));
      sharedCount = n;
    }
    return sharedCount;
  };
  let changed = false;
  for (const sheet of sheets) {
    const target = targets.get(sheet.rId);
    if (!target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const part = zip.file(path);
    if (!part) continue;
    const xml = await part.async('string');
    let edits: Edit[];
    try {
      edits = sheetXmlEdits(xml, { sheet: sheet.name, sharedStrings, date1904, issues });
    } catch (e) {
      if (e instanceof CellReadError) throw cellReadFileError(e, sheet.name, fileName);
      throw e;
    }
    if (edits.length === 0) continue;
    zip.file(path, applyEdits(xml, edits));
    changed = true;
  }
  return changed ? zip.generateAsync({ type: 'uint8array', compression: 'STORE' }) : bytes;
}
