/**
 * 公示用工作簿 (issue 18 point 8): the public download has no 附件7, no internal sheet and no input sheet
 * holding IDs or phone numbers — checked by scanning every cell of the downloaded bytes.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { sensitiveSheets } from '../../src/sheets/privacy';
import { FileSession } from '../../src/taskpane/file/session';

const SAMPLE = path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx');
const ID = /\d{17}[\dXx]/;
const MOBILE = /1[3-9]\d{9}/;

async function names(bytes: Uint8Array): Promise<{ names: string[]; leaks: string[] }> {
  const wb = await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
  const leaks: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const t = c.text ?? '';
        if (ID.test(t) || MOBILE.test(t)) leaks.push(`${ws.name}!${c.address}`);
      }),
    ),
  );
  return { names: wb.worksheets.map((w) => w.name), leaks };
}

it('the public workbook leaves out 附件7, the internal sheets and the rosters holding IDs', async () => {
  const config = defaultConfig();
  const session = await FileSession.open([{ name: 'sample.xlsx', bytes: fs.readFileSync(SAMPLE) }]);
  const rosters = session.tables.filter((t) => t.sheet.startsWith('学生名册')).map((t) => t.sheet);
  expect(rosters).toHaveLength(3);
  // The sample's rosters hold 身份证号 and 手机号 columns; the grade sheet holds neither.
  expect(sensitiveSheets(session.tables).map((s) => s.sheet).sort()).toEqual([...rosters].sort());
  const a = analyse(session.tables, config);
  await session.writeOwnedSheets(buildAllAttachments(a.output!, config, { inputFingerprint: 'f', generatedAt: '2024-03-18T06:05:00Z', sources: [], issues: a.issues }));

  const internal = await names(await session.resultBytes(config));
  expect(internal.names).toContain('附件7-生源数据（内部）');
  expect(internal.leaks.length).toBeGreaterThan(0);

  const omit = session.publicOmissions();
  expect(omit.map((o) => o.sheet)).toEqual(expect.arrayContaining(['附件7-生源数据（内部）', '计算说明', '结果快照', ...rosters]));
  const pub = await names(await session.resultBytes(config, omit.map((o) => o.sheet)));
  expect(pub.names).not.toContain('附件7-生源数据（内部）');
  for (const r of rosters) expect(pub.names).not.toContain(r);
  expect(pub.names).toContain('附件5-总表');
  expect(pub.leaks).toEqual([]);
  // The session's own workbook stays whole: the internal download after a public one still has 附件7.
  expect((await names(await session.resultBytes(config))).names).toContain('附件7-生源数据（内部）');
});

it('a sheet with unrecognised headers is still caught by its values', () => {
  const t = { sheet: '联系表', originRow: 1, originCol: 1, rows: [['甲', '13812345678'], ['乙', '无']] };
  expect(sensitiveSheets([t])).toEqual([{ sheet: '联系表', holds: '手机号' }]);
  expect(sensitiveSheets([{ ...t, rows: [['成绩', 85]] }])).toEqual([]);
});
