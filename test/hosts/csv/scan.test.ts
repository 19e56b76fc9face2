/**
 * The columnar CSV scanner (issue 17) against the text parser it replaces in csvToTable: the same rows
 * (every row as wide as the widest, '' → null) and the same errors (message, row, line) on random
 * texts built from the characters that matter (delimiters, quotes, every kind of line break, Chinese,
 * spaces), in UTF-8 with and without a byte order mark and in UTF-16.
 */
import fc from 'fast-check';
import { csvToTable, CsvSplitError, isUtf8, parseCsvText, validUtf8 } from '../../../src/hosts/csv/read';
import { scanCsvBytes } from '../../../src/hosts/csv/scan';
import { cellAt, rowAt, tableHeight, type CellValue } from '../../../src/sheets/table';

/** What csvToTable gave before the scanner: parseCsvText, '' → null, rows padded to the widest. */
function reference(text: string, delimiter: string): CellValue[][] | { error: string; row: number; line: number } {
  let raw: string[][];
  try {
    raw = parseCsvText(text, delimiter);
  } catch (e) {
    if (!(e instanceof CsvSplitError)) throw e;
    return { error: e.message, row: e.row, line: e.line };
  }
  const width = raw.reduce((m, r) => Math.max(m, r.length), 0);
  return raw.map((r) => {
    const out: CellValue[] = r.map((f) => (f === '' ? null : f));
    while (out.length < width) out.push(null);
    return out;
  });
}

function scanned(text: string, delimiter: string): CellValue[][] | { error: string; row: number; line: number } {
  try {
    const { height, codes, values } = scanCsvBytes(new TextEncoder().encode(text), delimiter);
    return Array.from({ length: height }, (_, r) => codes.map((c, k) => values[k]![c[r]!]!));
  } catch (e) {
    if (!(e instanceof CsvSplitError)) throw e;
    return { error: e.message, row: e.row, line: e.line };
  }
}

const pieces = [',', ';', '\t', '"', '""', '\r\n', '\n', '\r', ' ', 'a', 'b', '1', '学号', '张三', '𠀋', '\ufeff'];
const csvText = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));
/** Texts of many lines with a few long quoted fields (the line-count rules). */
const multiLine = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.integer({ min: 1, max: 70 }).map((k) => `"${'x\n'.repeat(k)}"`)), { maxLength: 30 })
  .map((p) => p.join(''));

describe('scanCsvBytes gives parseCsvText\'s rows and errors', () => {
  test.each([',', ';', '\t'])('random texts, delimiter %j', (d) => {
    fc.assert(
      fc.property(fc.oneof(csvText, multiLine), (text) => {
        expect(scanned(text, d)).toEqual(reference(text, d));
      }),
      { numRuns: 3000 },
    );
  });

  test('examples: quotes, doubled quotes, text after a closing quote, blank lines, last line', () => {
    for (const text of ['a,"b,c","say ""hi""","line1\r\nline2"\r\n1,,3,4', 'a,张"三,"李"四\n', '\r\n\r\n', '""', ',', 'a\n""', 'x,"y"z\n', 'a,b\n1,"x\ny"\n2,z\n3,"open\n4,w\n']) {
      expect(scanned(text, ',')).toEqual(reference(text, ','));
    }
  });
});

describe('csvToTable keeps the cells in columns', () => {
  const text = '学号,姓名,成绩\r\n001,张三,90\r\n002,李四,\r\n001,张三,85\r\n';
  test('rows, cellAt, rowAt and tableHeight agree; equal cells share one number', () => {
    const t = csvToTable(new TextEncoder().encode(`\ufeff${text}`), '成绩.csv');
    expect(t.columns?.height).toBe(4);
    expect(tableHeight(t)).toBe(4);
    expect(cellAt(t, 1, 1)).toBe('张三');
    expect(cellAt(t, 2, 2)).toBeNull();
    expect(cellAt(t, 9, 0)).toBeNull();
    expect(rowAt(t, 3)).toEqual(['001', '张三', '85']);
    expect(t.columns?.codes[0]?.[1]).toBe(t.columns?.codes[0]?.[3]);
    expect(t.columns?.values[1]).toEqual([null, '姓名', '张三', '李四']);
    // Reading rows builds them once and drops the columns (the two can never disagree).
    expect(t.rows).toEqual(reference(text, ','));
    expect(t.columns).toBeUndefined();
    expect(cellAt(t, 1, 1)).toBe('张三');
  });

  test('a copy holds the rows, not the columns; assigning rows replaces them', () => {
    const t = csvToTable(new TextEncoder().encode(text), '成绩.csv');
    const copy = { ...t };
    expect(copy.rows).toEqual(reference(text, ','));
    expect(Object.keys(copy)).not.toContain('columns');
    const u = csvToTable(new TextEncoder().encode(text), '成绩.csv');
    u.rows = [];
    expect(u.columns).toBeUndefined();
    expect(tableHeight(u)).toBe(0);
  });

  test('UTF-16 and a doubled byte order mark read as before', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('学号\t姓名\r\n1\t𠀋三\r\n').flatMap((ch) => Array.from({ length: ch.length }, (_, k) => ch.charCodeAt(k)).flatMap((u) => [u & 0xff, u >> 8]))]);
    expect(csvToTable(utf16, 'a.txt').rows).toEqual([
      ['学号', '姓名'],
      ['1', '𠀋三'],
    ]);
    expect(csvToTable(new TextEncoder().encode('\ufeff\ufeff学号,姓名\n1,甲\n'), 'b.csv').rows).toEqual([
      ['学号', '姓名'],
      ['1', '甲'],
    ]);
  });
});

describe('isUtf8 (Node\'s check) and validUtf8 (the browsers\') follow the UTF-8 decoder', () => {
  const fatal = (b: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };
  test('random bytes around the boundaries of every sequence length', () => {
    const edges = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...edges), { maxLength: 12 }), (xs) => {
        const b = new Uint8Array(xs);
        expect(isUtf8(b)).toBe(fatal(b));
        expect(validUtf8(b)).toBe(fatal(b));
      }),
      { numRuns: 20000 },
    );
    expect(validUtf8(new TextEncoder().encode('学号,姓名,𠀋\r\n'))).toBe(true);
  });
});
