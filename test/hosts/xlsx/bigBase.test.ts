/**
 * --out on an .xlsx whose big sheets are read again row by row (xlsxBase.ts) gives the same workbook
 * as loading the whole file into ExcelJS: every part of the zip equal (creation time aside).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { limits } from '../../../src/hosts/xlsx/xlsxBase';
import { tempDir, writeGradesCsv, writeRosterXlsx } from '../../cli/fixtures';

const quiet = { stdout: () => {}, stderr: () => {} };

async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (name !== 'docProps/core.xml' && !zip.files[name]!.dir) out.set(name, await zip.files[name]!.async('string'));
  return out;
}

/** The roster fixture plus a sheet of awkward cells and sheet settings (the "big" sheet here). */
async function writeBase(path: string, withRoster = true): Promise<void> {
  const roster = join(tempDir(), 'r.xlsx');
  await writeRosterXlsx(roster, { registration: true });
  const wb = new ExcelJS.Workbook();
  if (withRoster) await wb.xlsx.readFile(roster);
  const ws = wb.addWorksheet('杂项', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  ws.columns = [{ width: 14 }, { width: 30 }, { width: 12 }];
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = '标题';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getCell('A2').value = { formula: 'B2*2', result: 4 } as ExcelJS.CellFormulaValue;
  ws.getCell('B2').value = 2;
  ws.getCell('B2').numFmt = '0.00';
  ws.getCell('C2').value = new Date(Date.UTC(2024, 2, 18));
  ws.getCell('C2').numFmt = 'yyyy-mm-dd';
  ws.getCell('A3').value = { richText: [{ text: '红', font: { color: { argb: 'FFFF0000' } } }, { text: '字' }] };
  ws.getCell('B3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  ws.getCell('C3').value = true;
  ws.getCell('C3').border = { bottom: { style: 'thin' } };
  ws.getRow(3).height = 30;
  ws.getRow(4).hidden = true;
  ws.getCell('A4').value = '隐藏行';
  ws.mergeCells('B5:C6');
  ws.getCell('B5').value = '合并';
  ws.getCell('A7').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('B8').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  ws.addConditionalFormatting({ ref: 'B2:B9', rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: [1], priority: 1, style: { font: { bold: true } } }] });
  await wb.xlsx.writeFile(path);
}

describe('--out with big base sheets read row by row', () => {
  const saved = limits.bigSheet;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  beforeAll(() => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
  });
  afterAll(() => {
    limits.bigSheet = saved;
    if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = epoch;
  });

  test('same workbook as loading it whole; re-run on the output too', async () => {
    const dir = tempDir();
    const base = join(dir, '名册.xlsx');
    await writeBase(base);
    // A second workbook: its sheets are copied into the result (values, not formulas).
    await writeBase(join(dir, '其他.xlsx'), false);
    writeGradesCsv(join(dir, '成绩.csv'));
    const run = async (big: number, input: string, out: string) => {
      limits.bigSheet = big;
      expect(await main(['run', input, join(dir, '成绩.csv'), join(dir, '其他.xlsx'), '--out', out], quiet)).toBe(0);
      return parts(out);
    };
    const whole = await run(Number.MAX_SAFE_INTEGER, base, join(dir, 'whole.xlsx'));
    const streamed = await run(0, base, join(dir, 'streamed.xlsx'));
    expect([...streamed.keys()]).toEqual([...whole.keys()]);
    for (const [name, xml] of whole) expect([name, streamed.get(name)]).toEqual([name, xml]);
    // A previous result as input: its own 附件 and result block are replaced, the rest streamed.
    const again = await run(0, join(dir, 'whole.xlsx'), join(dir, 'again-streamed.xlsx'));
    const againWhole = await run(Number.MAX_SAFE_INTEGER, join(dir, 'whole.xlsx'), join(dir, 'again-whole.xlsx'));
    for (const [name, xml] of againWhole) expect([name, again.get(name)]).toEqual([name, xml]);
  });
});
