/**
 * Excel mode writes the same print settings as the .xlsx writers (layout.print), on the fake Excel:
 * explicit scale, pages over then down, repeated rows and (附件7) columns, 内部资料 page header, and a
 * manual break at the end of every page.
 */
import { OfficeWorkbookHost } from '../../src/hosts/office/officeHost';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { layoutSheet } from '../../src/sheets/attachments/model';
import { installFakeOffice, type FakeExcelController } from '../fakes/excel';
import { buildOutput, meta, registeredGroups, SEATS } from './fixtures';
import { sheet } from './helpers';

let excel: FakeExcelController;
beforeEach(() => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: '说明', values: [['x']] }] });
});
afterEach(() => excel.uninstall());

test('附件7 and 附件5 carry layout.print into Excel', async () => {
  const { output, config } = buildOutput(registeredGroups(), { seats: SEATS });
  const models = buildAllAttachments(output, config, meta());
  // a long 附件7 (the fixture's 19 students repeated) so that it needs page breaks
  const a7 = sheet(models, '附件7-生源数据（内部）');
  const rows = Array.from({ length: 6 }, () => a7.tables[0]!.rows).flat();
  const long = { ...a7, tables: [{ ...a7.tables[0]!, rows }] };
  const a5 = sheet(models, '附件5-总表');
  const host = new OfficeWorkbookHost();
  const names = await host.writeOwnedSheets([long, a5]);
  const p7 = layoutSheet(long).print;
  expect(p7.rowBreaks.length).toBeGreaterThan(0);
  expect(p7.pagesWide).toBeGreaterThan(1);
  const pl = excel.pageLayout(names.get(long.name)!);
  expect(pl).toMatchObject({ paperSize: 'A4', orientation: 'Landscape', zoom: { scale: p7.scale }, printOrder: 'OverThenDown', printTitleColumns: '$A:$C' });
  expect(pl.centerHeader).toContain('内部资料');
  expect(pl.rowBreaks).toEqual(p7.rowBreaks.map((r) => r + 1)); // a break above the first row of each next page
  const pl5 = excel.pageLayout(names.get(a5.name)!);
  expect(pl5.printTitleRows).toBe(`$${layoutSheet(a5).tables[0]!.headerRow}:$${layoutSheet(a5).tables[0]!.headerRow}`);
  expect(pl5.printTitleColumns).toBeUndefined();
  expect(pl5.centerHeader ?? '').toBe('');
});
