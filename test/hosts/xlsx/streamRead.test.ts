/**
 * The streaming reader (CLI) gives exactly the tables the whole-workbook reader (worksheetToTable, also
 * used by the browser file mode) gives: on the sample school, on every corpus workbook and on a workbook
 * made of the awkward cases.
 */
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputFileError, loadXlsx, worksheetToTable } from '../../../src/hosts/xlsx/read';
import { streamXlsxTables } from '../../../src/hosts/xlsx/streamRead';
import { patchExcelJs } from '../../../src/hosts/xlsx/exceljsPatches';

// ExcelJS as the CLI uses it (the base of --out): taught ISO date cells and rows/cells without `r`.
patchExcelJs();
import { tempDir } from '../../cli/fixtures';

const CORPUS = resolve(__dirname, '..', '..', 'fixtures', 'corpus');
const SAMPLE = resolve(__dirname, '..', '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

async function expectSameTables(bytes: Uint8Array, name: string): Promise<void> {
  const wb = await loadXlsx(bytes, name).catch((e: unknown) => e as Error);
  if (wb instanceof Error) {
    // Not a workbook: both readers refuse it in Chinese, naming the file (the streaming reader also says
    // which part failed, and which cell when it knows: issue 14), never with a library's English.
    expect(wb).toBeInstanceOf(InputFileError);
    const streamed = await streamXlsxTables(bytes, name).catch((e: unknown) => e as Error);
    expect(streamed).toBeInstanceOf(InputFileError);
    for (const m of [wb.message, (streamed as Error).message]) {
      expect(m.startsWith(`文件“${name}”`)).toBe(true);
      expect(m).not.toMatch(/Corrupted|undefined entity|Invalid string length|Cannot read|TypeError/u);
    }
    return;
  }
  const whole = wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state ?? 'visible', table: worksheetToTable(ws, name) }));
  const streamed = await streamXlsxTables(bytes, name);
  expect(streamed.map((s) => [s.name, s.state])).toEqual(whole.map((s) => [s.name, s.state]));
  streamed.forEach((s, i) => expect(s.table).toEqual(whole[i]!.table));
}

/**
 * Not compared (issue 14: the streaming reader is stricter, and the CLI then never loads the file with
 * ExcelJS): a merge over the whole sheet (ExcelJS visits each of its 17 billion cells while loading; the
 * streaming reader reports MERGE_TOO_BIG), a row past Excel's last row (ExcelJS reads it without a word;
 * the streaming reader refuses the file at that row).
 */
const EXCELJS_CANNOT_LOAD = new Set(['69-merge-over-whole-sheet', '70-row-number-off-grid']);

const workbooks = (): string[] => [
  SAMPLE,
  ...readdirSync(CORPUS).filter((d) => !EXCELJS_CANNOT_LOAD.has(d)).flatMap((d) =>
    readdirSync(join(CORPUS, d))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(CORPUS, d, f)),
  ),
];

describe('streamXlsxTables = worksheetToTable', () => {
  test.each(workbooks().map((f) => [f.slice(f.indexOf('assets') >= 0 ? f.indexOf('assets') : f.indexOf('corpus')), f]))('%s', async (_, file) => {
    await expectSameTables(new Uint8Array(readFileSync(file)), 'x.xlsx');
  });

  test('awkward cells: merges, hidden rows, formulas, shared formulas, rich text, errors, dates, formats only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = '2021级成绩 <&>';
    ws.getRow(2).values = ['学号', '成绩', '日期', '公式', '布尔', '备注'];
    ws.getCell('A3').value = 123;
    ws.getCell('A3').numFmt = '000000';
    ws.getCell('B3').value = 85.5;
    ws.getCell('C3').value = new Date(Date.UTC(2024, 2, 18));
    ws.getCell('C3').numFmt = 'yyyy-mm-dd';
    ws.getCell('D3').value = { formula: 'B3*2', result: 171 } as ExcelJS.CellFormulaValue;
    ws.getCell('E3').value = true;
    ws.getCell('F3').value = '  空格  ';
    ws.getCell('A4').value = { richText: [{ text: '0210' }, { font: { bold: true }, text: '02' }] };
    ws.getCell('B4').value = { formula: 'VLOOKUP(1,X:Y,2,0)', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
    ws.getCell('C4').value = { formula: 'TODAY()', result: 45369 } as ExcelJS.CellFormulaValue;
    ws.getCell('C4').numFmt = 'yyyy/m/d';
    ws.getCell('D4').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue; // saved without a result
    ws.getCell('E4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('F4').value = { formula: 'A4&"x"', result: '021002x' } as ExcelJS.CellFormulaValue;
    ws.getRow(4).hidden = true;
    ws.getCell('A5').value = 7;
    ws.getCell('A5').numFmt = '@';
    ws.getCell('B5').value = { sharedFormula: 'D3', result: 12 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('D5').value = { formula: 'B5*2', result: 24, shareType: 'shared', ref: 'D5:D6' } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('D6').value = { sharedFormula: 'D5', result: 30 } as ExcelJS.CellSharedFormulaValue;
    ws.mergeCells('C7:D9'); // 专业 merged over a block, beyond the last written row
    ws.getCell('C7').value = '机电一体化技术';
    ws.getCell('H8').border = { top: { style: 'thin' } }; // formatted only, on a row with a merge
    ws.getCell('J2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    ws.getRow(12).height = 30; // an empty row with a height
    const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
    hidden.getCell('A1').value = 1;
    wb.addWorksheet('空表');
    wb.addWorksheet('ZSB_META', { state: 'veryHidden' }).getCell('A1').value = '{"format":1}';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    await expectSameTables(bytes, 'awkward.xlsx');
    // The same workbook written by the streaming writer (other part order in the zip).
    const file = join(tempDir(), 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
    const out = writer.addWorksheet('名册');
    out.addRow(['学号', '姓名', '入学日期']).commit();
    const r = out.addRow(['021001', '张三', new Date(Date.UTC(2021, 8, 1))]);
    r.getCell(3).numFmt = 'yyyy-mm-dd';
    r.commit();
    out.commit();
    await writer.commit();
    await expectSameTables(new Uint8Array(readFileSync(file)), 'streamed.xlsx');
  });

  test('Chinese text across the unzipped chunks (16 KB each) is not broken: shared strings, inline strings, sheet names', async () => {
    // 3-byte UTF-8 characters everywhere: some chunk boundary falls inside a character in every part
    // below (they are several chunks long). Decoding each chunk alone turned such a character into
    // U+FFFD, e.g. 志愿 "示例师范学院/专业372方向" became "示例\ufffd\ufffd\ufffd范学院…" and the student got no seat.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学生名册（机电工程学院）');
    ws.addRow(['学号', '姓名', '专业', '志愿1']);
    const names = ['示例师范学院', '广西科技大学', '桂林电子科技大学', '南宁师范大学'];
    for (let i = 0; i < 3000; i++) {
      ws.addRow([`2021${String(i).padStart(6, '0')}`, `学生${'张王李赵'.charAt(i % 4)}${i}`, `机电一体化技术${i % 7}`, `${names[i % 4]}/专业${i}方向`]);
    }
    // Inline strings (no shared strings part): the worksheet XML itself carries the text.
    const inline = wb.addWorksheet('成绩');
    inline.addRow(['学号', '课程名称', '成绩']);
    for (let i = 0; i < 3000; i++) inline.addRow([`2021${String(i).padStart(6, '0')}`, `高等数学与工程制图基础${i}`, '良好']);
    const withShared = new Uint8Array((await wb.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
    const withInline = new Uint8Array((await wb.xlsx.writeBuffer({ useSharedStrings: false } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
    for (const bytes of [withShared, withInline]) {
      await expectSameTables(bytes, '名册.xlsx');
      const sheets = await streamXlsxTables(bytes, '名册.xlsx');
      const text = JSON.stringify(sheets.map((s) => s.table.rows));
      expect(text).not.toContain('\ufffd');
      expect(sheets[0]!.table.rows[373]![3]).toBe('示例师范学院/专业372方向');
    }
  });

  test('not an xlsx ⇒ InputFileError', async () => {
    const file = join(tempDir(), 'bad.xlsx');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    await expect(streamXlsxTables(file, 'bad.xlsx')).rejects.toBeInstanceOf(InputFileError);
  });
});
