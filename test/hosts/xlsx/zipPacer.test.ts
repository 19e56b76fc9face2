/**
 * The --out writer keeps the zip's compression in step with the rows it writes (ZipPacer, issue 6):
 * after a pause no more than 16 pieces of 64 KB wait for the compressor, however fast rows come.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { RowXmlWriter } from '../../../src/hosts/xlsx/rowXml';
import { ZipPacer } from '../../../src/hosts/xlsx/streamWrite';
import { tempDir } from '../../cli/fixtures';

test('a fast writer waits for the zip: at most 16 pieces in flight after each pause', async () => {
  const file = join(tempDir(), 'paced.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const pacer = new ZipPacer(writer);
  const sheet = pacer.track(writer.addWorksheet('成绩'));
  const out = new RowXmlWriter(sheet);
  const style = {};
  let mostBeforePause = 0;
  let row = 0;
  for (let batch = 0; batch < 16; batch++) {
    // ~1.5 MB of sheet XML written at once, far faster than it can be compressed.
    for (let i = 0; i < 6000; i++) {
      row++;
      out.cell(row, 1, `2021${String(row).padStart(6, '0')}`, style);
      out.cell(row, 2, `课程${row % 45}——${'示例'.repeat(row % 7)}`, style);
      out.cell(row, 3, (row * 7.3) % 100, style);
      out.endRow(row);
    }
    out.flush();
    mostBeforePause = Math.max(mostBeforePause, pacer.pending);
    await pacer.pause();
    expect(pacer.pending).toBeLessThanOrEqual(ZipPacer.IN_FLIGHT);
  }
  // The brake did something: right after a batch, many pieces were waiting.
  expect(mostBeforePause).toBeGreaterThan(ZipPacer.IN_FLIGHT);
  sheet.commit();
  await pacer.caughtUp();
  await writer.commit();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('成绩')!;
  expect(ws.rowCount).toBe(row);
  expect(ws.getCell(`A${row}`).value).toBe(`2021${String(row).padStart(6, '0')}`);
});
