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
import { recordWithout, sensitiveSheets } from '../../src/sheets/privacy';
import { FileSession } from '../../src/taskpane/file/session';

const SAMPLE = path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx');
const ID = /\d{17}[\dXx]/;
const MOBILE = /1[3-9]\d{9}/;

/** Sheet names (hidden ones too), and every cell holding an ID, a mobile number or one of `named`. */
async function names(bytes: Uint8Array, named: readonly string[] = []): Promise<{ names: string[]; leaks: string[]; named: string[] }> {
  const wb = await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
  const leaks: string[] = [];
  const found: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const t = c.text ?? '';
        if (ID.test(t) || MOBILE.test(t)) leaks.push(`${ws.name}!${c.address}`);
        for (const n of named) if (t.includes(n)) found.push(`${ws.name}!${c.address}: ${n}`);
      }),
    ),
  );
  return { names: wb.worksheets.map((w) => w.name), leaks, named: found };
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

  const omit = session.publicOmissions();
  const left = omit.map((o) => o.sheet);
  expect(left).toEqual(expect.arrayContaining(['附件7-生源数据（内部）', '计算说明', '结果快照', ...rosters]));
  const internal = await names(await session.resultBytes(config), left);
  expect(internal.names).toContain('附件7-生源数据（内部）');
  expect(internal.leaks.length).toBeGreaterThan(0);
  // The internal workbook's record (ZSB_META, very hidden) names them: the scan below would see it.
  expect(internal.named).toEqual(expect.arrayContaining(['附件7-生源数据（内部）', '计算说明', '结果快照'].map((n) => `ZSB_META!A1: ${n}`)));

  const pub = await names(await session.resultBytes(config, left), left);
  expect(pub.names).not.toContain('附件7-生源数据（内部）');
  for (const r of rosters) expect(pub.names).not.toContain(r);
  expect(pub.names).toContain('附件5-总表');
  expect(pub.names).toContain('ZSB_META'); // the settings travel with it
  expect(pub.leaks).toEqual([]);
  expect(pub.named).toEqual([]);
  // The session's own workbook stays whole: the internal download after a public one still has 附件7.
  expect((await names(await session.resultBytes(config))).names).toContain('附件7-生源数据（内部）');
});

it('a sheet with unrecognised headers is still caught by its values', () => {
  const t = { sheet: '联系表', originRow: 1, originCol: 1, rows: [['甲', '13812345678'], ['乙', '无']] };
  expect(sensitiveSheets([t])).toEqual([{ sheet: '联系表', holds: '手机号' }]);
  expect(sensitiveSheets([{ ...t, rows: [['成绩', 85]] }])).toEqual([]);
});

it('the record of a public workbook names no sheet left out: owned sheets, result blocks, column choices', () => {
  const record = {
    format: 1 as const,
    settings: { schoolName: '柳州职业技术学院' },
    ownedSheets: ['附件5-总表', '附件7-生源数据（内部）', '计算说明'],
    resultBlocks: [{ sheet: '学生名册', headerRow: 1, startColumn: 12, endColumn: 22, lastRow: 40 }, { sheet: '名单', headerRow: 2, startColumn: 5, endColumn: 15, lastRow: 9 }],
    mappings: { 学生名册: { kind: 'roster' }, 成绩: { columns: { C: 'score' } } },
    attachmentsRun: { fingerprint: 'f', at: '2024-04-15T08:00:00Z' },
  };
  expect(recordWithout(record, new Set(['附件7-生源数据（内部）', '计算说明', '学生名册']))).toEqual({
    format: 1,
    settings: { schoolName: '柳州职业技术学院' },
    ownedSheets: ['附件5-总表'],
    resultBlocks: [{ sheet: '名单', headerRow: 2, startColumn: 5, endColumn: 15, lastRow: 9 }],
    mappings: { 成绩: { columns: { C: 'score' } } },
    attachmentsRun: { fingerprint: 'f', at: '2024-04-15T08:00:00Z' },
  });
  expect(record.ownedSheets).toHaveLength(3); // the workbook's own record is not changed
});
