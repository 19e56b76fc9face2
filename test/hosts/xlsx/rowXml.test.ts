/**
 * RowXmlWriter renders rows to the very XML ExcelJS's streaming writer makes through its Row and Cell
 * objects: the same rows written both ways into one workbook give byte-identical sheet XML.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RowXmlWriter, isSimpleValue, type SimpleValue } from '../../../src/hosts/xlsx/rowXml';
import { tempDir } from '../../cli/fixtures';

type Style = Partial<ExcelJS.Style>;
interface Cell {
  col: number;
  value: SimpleValue;
  style: Style;
}
interface Row {
  number: number;
  cells: Cell[];
  height?: number;
  hidden?: boolean;
  outlineLevel?: number;
}

const plain: Style = {};
const text: Style = { numFmt: '@' };
const bordered: Style = { font: { name: '宋体', size: 10, bold: true }, border: { top: { style: 'thin' } }, alignment: { horizontal: 'center', wrapText: true } };
const dateOnly: Style = {};
const decimals: Style = { numFmt: '0.00', fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } };

const rows: Row[] = [
  { number: 1, height: 23, cells: [{ col: 1, value: '标题 <&> "引号" \'单\'', style: bordered }, { col: 2, value: null, style: bordered }, { col: 3, value: null, style: bordered }] },
  { number: 2, cells: [{ col: 1, value: '学号', style: text }, { col: 2, value: 85.5, style: plain }, { col: 3, value: 0, style: decimals }, { col: 5, value: -1e-7, style: plain }] },
  { number: 3, hidden: true, outlineLevel: 1, cells: [{ col: 2, value: true, style: plain }, { col: 3, value: false, style: bordered }, { col: 4, value: { error: '#N/A' }, style: plain }] },
  { number: 4, cells: [{ col: 1, value: new Date(Date.UTC(2024, 2, 18)), style: dateOnly }, { col: 2, value: new Date(Date.UTC(2024, 2, 18, 12)), style: decimals }] },
  { number: 5, height: 14, cells: [] },
  { number: 6, cells: [{ col: 1, value: null, style: plain }, { col: 2, value: null, style: bordered }] }, // styled empties only: no row
  { number: 8, cells: [{ col: 1, value: '学号', style: text }, { col: 27, value: '控制\u0001字符', style: plain }, { col: 30, value: '', style: plain }] },
  { number: 9, cells: [{ col: 3, value: 12345678901234567890, style: plain }, { col: 4, value: '2021000001', style: text }] },
];

async function sheetXml(useSharedStrings: boolean): Promise<[string, string]> {
  const file = join(tempDir(), 'rows.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings });
  // ExcelJS's own rows first (they register styles and strings first), then the same rows again.
  const viaExcelJS = writer.addWorksheet('exceljs');
  for (const r of rows) {
    const row = viaExcelJS.getRow(r.number);
    if (r.height) row.height = r.height;
    if (r.hidden) row.hidden = true;
    if (r.outlineLevel) row.outlineLevel = r.outlineLevel;
    for (const c of r.cells) {
      const cell = row.getCell(c.col);
      cell.style = c.style;
      if (c.value !== null && c.value !== undefined) cell.value = c.value as ExcelJS.CellValue;
    }
    row.commit();
  }
  viaExcelJS.commit();
  const direct = writer.addWorksheet('direct');
  const out = new RowXmlWriter(direct);
  for (const r of rows) {
    for (const c of r.cells) out.cell(r.number, c.col, c.value, c.style);
    out.endRow(r.number, { height: r.height, hidden: r.hidden, outlineLevel: r.outlineLevel });
  }
  // A row ExcelJS renders itself (a formula) in between rows written directly.
  const formula = out.exceljsRow(10);
  formula.getCell(1).value = { formula: 'B2*2', result: 171 } as ExcelJS.CellFormulaValue;
  formula.commit();
  out.cell(11, 1, 'after', plain);
  out.endRow(11);
  out.flush();
  direct.commit();
  await writer.commit();
  const zip = await JSZip.loadAsync(readFileSync(file));
  const body = async (n: number) => {
    const xml = await zip.file(`xl/worksheets/sheet${n}.xml`)!.async('string');
    return xml.slice(xml.indexOf('<sheetData>'), xml.indexOf('</sheetData>'));
  };
  return [await body(1), await body(2)];
}

describe('RowXmlWriter', () => {
  test.each([true, false])('same sheet XML as ExcelJS (shared strings: %s)', async (shared) => {
    const [exceljs, direct] = await sheetXml(shared);
    const formulaRow = direct.slice(direct.indexOf('<row r="10"'), direct.indexOf('<row r="11"'));
    expect(formulaRow).toContain('<f>B2*2</f><v>171</v>');
    expect(direct.replace(formulaRow, '').replace(/<row r="11".*<\/row>/u, '')).toBe(exceljs);
    expect(exceljs).not.toContain('<row r="6"');
    expect(exceljs).toContain('<row r="5" ht="14" customHeight="1" x14ac:dyDescent="0.25"/>');
  });

  test('simple values', () => {
    expect([1, 'a', true, null, undefined, new Date(), { error: '#N/A' }].every(isSimpleValue)).toBe(true);
    expect([{ formula: 'A1' }, { richText: [] }, { text: 'x', hyperlink: 'y' }, { error: '#N/A', x: 1 }].some(isSimpleValue)).toBe(false);
  });
});
