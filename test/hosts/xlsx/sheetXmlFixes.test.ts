/**
 * sheetXmlFixes.ts on hand-written worksheet XML: what ExcelJS's browser bundle would misread is
 * rewritten by the CLI reader's rules; expected values worked out by hand.
 */
import type { Issue } from '../../../src/engine/issues';
import { CellReadError } from '../../../src/hosts/xlsx/bounds';
import { applyEdits, sheetXmlEdits } from '../../../src/hosts/xlsx/sheetXmlFixes';

function fix(xml: string, opts: { date1904?: boolean; shared?: number } = {}): { xml: string; issues: Issue[] } {
  const issues: Issue[] = [];
  const edits = sheetXmlEdits(xml, { sheet: '成绩', sharedStrings: () => opts.shared ?? 3, date1904: opts.date1904 ?? false, issues });
  return { xml: applyEdits(xml, edits), issues };
}
const sheet = (rows: string, after = '') => `<worksheet><sheetData>${rows}</sheetData>${after}</worksheet>`;

test('an ISO date cell becomes its serial number: 2024-03-25 is 45376 (2024-01-01 = 45292, +31 +29 +24), 43914 in the 1904 system (−1462)', () => {
  expect(fix(sheet('<row r="2"><c r="G2" s="3" t="d"><v>2024-03-25T00:00:00</v></c></row>')).xml).toBe(sheet('<row r="2"><c r="G2" s="3" t="n"><v>45376</v></c></row>'));
  expect(fix(sheet('<row r="2"><c r="G2" t="d"><v>2024-03-25</v></c></row>'), { date1904: true }).xml).toBe(sheet('<row r="2"><c r="G2" t="n"><v>43914</v></c></row>'));
  // Noon is half a day.
  expect(fix(sheet('<row r="2"><c r="A2" t="d"><v>2024-03-25T12:00:00</v></c></row>')).xml).toContain('<v>45376.5</v>');
  // Text that is no date stays text (for the column's reader to report); an empty one too.
  expect(fix(sheet('<row r="2"><c r="A2" t="d"><v>下周一</v></c><c r="B2" t="d"/></row>')).xml).toBe(sheet('<row r="2"><c r="A2" t="str"><v>下周一</v></c><c r="B2" t="str"/></row>'));
});

test('rows and cells without r get their position: the row after the previous one, the column after the previous cell', () => {
  expect(fix(sheet('<row r="5"><c r="C5"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c t="s"><v>0</v></c></row>')).xml).toBe(
    sheet('<row r="5"><c r="C5"><v>1</v></c><c r="D5"><v>2</v></c></row><row r="6"><c r="A6"><v>3</v></c><c r="B6" t="s"><v>0</v></c></row>'),
  );
  // Nothing to change: no edits at all (the file goes to ExcelJS as it is).
  expect(sheetXmlEdits(sheet('<row r="1"><c r="A1" t="s"><v>2</v></c></row>'), { sheet: 's', sharedStrings: () => 3, date1904: false, issues: [] })).toEqual([]);
});

test('a shared string that does not exist is a CellReadError at its cell; a formula cell is not checked', () => {
  const read = (xml: string) => {
    try {
      fix(xml);
      return null;
    } catch (e) {
      return e instanceof CellReadError ? [e.row, e.column, e.message] : e;
    }
  };
  expect(read(sheet('<row r="4"><c r="C4" t="s"><v>3</v></c></row>'))).toEqual([4, 3, expect.stringContaining('共享字符串第 3 号不存在（文件中只有 3 个）')]);
  expect(read(sheet('<row r="3"><c r="A3"/><c t="s"><v>abc</v></c></row>'))).toEqual([3, 2, expect.stringContaining('第 abc 号不存在')]);
  expect(read(sheet('<row r="3"><c r="A3" t="s"><f>A1</f><v>99</v></c></row>'))).toBeNull();
  expect(read(sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))).toEqual([1048576, 0, expect.stringContaining('行号“1048577”超出了 Excel 的范围')]);
});

test('a merge larger than a whole column is MERGE_TOO_BIG at its first cell and left out; smaller ones stay', () => {
  const r = fix(sheet('<row r="1"><c r="B2"><v>1</v></c></row>', '<mergeCells count="2"><mergeCell ref="B2:XFD1048576"/><mergeCell ref="A1:A1048576"/></mergeCells>'));
  expect(r.xml).toBe(sheet('<row r="1"><c r="B2"><v>1</v></c></row>', '<mergeCells count="2"><mergeCell ref="A1:A1048576"/></mergeCells>'));
  expect(r.issues.map((i) => [i.severity, i.code, i.sheet, i.cell])).toEqual([['error', 'MERGE_TOO_BIG', '成绩', 'B2']]);
});
