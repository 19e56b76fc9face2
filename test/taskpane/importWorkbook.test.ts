/**
 * Excel mode, step 1 “导入其他工作簿…”: the pane's wiring (withWorkbookImport + importWorkbookFile) over the
 * real OfficeWorkbookHost on the strict fake Excel: the file's sheets land in the workbook, the pane re-reads
 * the sheets, and a bad file gives a Chinese message instead of an exception.
 */
import ExcelJS from 'exceljs';
import { installFakeOffice, type FakeExcelController } from '../fakes/excel';
import { OfficeWorkbookHost } from '../../src/hosts/office/officeHost';
import { importWorkbookFile, type Dispatch } from '../../src/taskpane/controller';
import { createServices, withWorkbookImport } from '../../src/taskpane/services';
import { InlineEngineClient } from '../../src/worker/client';
import { analyse } from '../../src/pipeline';
import type { Action } from '../../src/taskpane/state';

async function rosterFile(): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名册');
  ws.addRow(['学号', '姓名', '专业', '年级']);
  ws.addRow(['0121010001', '张三', '机电一体化技术', 2021]);
  ws.getCell('A2').numFmt = '@';
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer).slice().buffer;
}

let excel: FakeExcelController;
afterEach(() => excel.uninstall());

function pane(host: OfficeWorkbookHost) {
  const actions: Action[] = [];
  const dispatch: Dispatch = (a) => actions.push(a);
  const services = withWorkbookImport(createServices(host, new InlineEngineClient((t, c) => analyse(t, c))), host);
  return { services, dispatch, actions };
}

test('importing a roster file adds its sheet and re-reads the workbook', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: '成绩', values: [['学号', '课程名称', '成绩']] }] }, { excelApi: '1.7' });
  const { services, dispatch, actions } = pane(new OfficeWorkbookHost());
  const outcome = await importWorkbookFile(services, dispatch, { name: '名册.xlsx', data: await rosterFile() });
  expect(outcome.ok).toBe(true);
  expect(outcome.message).toContain('已从“名册.xlsx”导入 1 张工作表：学生名册');
  expect(excel.cell('学生名册', 'A2')).toMatchObject({ value: '0121010001', numberFormat: '@' });
  const loaded = actions.find((a) => a.type === 'dataLoaded');
  expect(loaded && 'tables' in loaded ? loaded.tables.map((t) => t.sheet).sort() : []).toEqual(['学生名册', '成绩']);
});

test('a file that is not a workbook gives a Chinese message and changes nothing', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: '成绩', values: [['学号']] }] }, { excelApi: '1.7' });
  const { services, dispatch, actions } = pane(new OfficeWorkbookHost());
  const outcome = await importWorkbookFile(services, dispatch, { name: '名册.xlsx', data: new TextEncoder().encode('not a zip').buffer as ArrayBuffer });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^导入“名册\.xlsx”失败：无法读取“名册\.xlsx”/u);
  expect(excel.sheetNames()).toEqual(['成绩']);
  expect(actions).toEqual([]);
});

test('a damaged .xls file is refused with the fix in Chinese', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: '成绩' }] }, { excelApi: '1.13' });
  const { services, dispatch } = pane(new OfficeWorkbookHost());
  const outcome = await importWorkbookFile(services, dispatch, { name: '名册.xls', data: new ArrayBuffer(8) });
  expect(outcome).toEqual({ ok: false, message: expect.stringContaining('请在 Excel 或 WPS 中打开该文件') });
});
