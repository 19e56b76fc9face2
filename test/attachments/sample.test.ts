/**
 * The 附件 of the bundled sample school (assets/sample/), through the real pipeline (read → analyse →
 * buildAllAttachments): privacy on real-looking data, names, counts that must agree across sheets, and a
 * few deliberate cases of assets/sample/README.md as they appear on the sheets.
 */
import * as path from 'path';
import { defaultConfig } from '../../src/engine/config';
import type { Status } from '../../src/engine/result';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import type { SheetModel } from '../../src/sheets/attachments/model';
import { allTexts, column, records, sheet } from './helpers';

const SAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

describe('附件 of the sample school', () => {
  let sheets: SheetModel[];
  let students: { studentId: string; status: Status; group: string }[];
  let groups: { key: string; size: number; recommendedQuota: number; recommendedDirect: number; recommendedVeteran: number }[];

  beforeAll(async () => {
    const config = { ...defaultConfig(), showMaskedIdNumber: true };
    const tables = workbookToTables(await loadXlsxFile(SAMPLE), SAMPLE);
    const a = analyse(tables, config);
    if (!a.output) throw new Error(`sample has no students: ${a.issues.map((i) => i.message).join('; ')}`);
    expect(a.canWrite).toBe(true);
    students = a.output.result.students;
    groups = a.output.result.groups;
    sheets = buildAllAttachments(a.output, config, {
      inputFingerprint: 'test',
      generatedAt: '2024-03-18T08:00:00Z',
      sources: [SAMPLE],
      issues: a.issues,
    });
  });

  test('privacy: no 身份证号 or 手机号 outside 附件7, even with the masked column on', () => {
    const leaks = sheets
      .filter((s) => !s.name.startsWith('附件7'))
      .flatMap((s) => allTexts(s).filter((t) => /\d{17}[\dXx]/.test(t) || /1[3-9]\d{9}/.test(t) || t.includes('样本路')).map((t) => `${s.name}: ${t}`));
    expect(leaks).toEqual([]);
    const internal = allTexts(sheet(sheets, '附件7-生源数据（内部）')).join('\n');
    expect(internal).toMatch(/450203\d{11}[\dX]/);
    const masked = column(sheet(sheets, '附件5-总表').tables[0]!, '身份证号（脱敏）');
    expect(masked.every((v) => /^450203\*{8}\d{3}[\dX]$/.test(String(v)))).toBe(true);
  });

  test('every sheet name is valid and unique ignoring case', () => {
    const names = sheets.map((s) => s.name);
    for (const n of names) expect([...n].length <= 31 && !/[:\\/?*[\]]/.test(n)).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('附件5-')).length).toBe(groups.length + 1);
    expect(names.filter((n) => n.startsWith('附件6-')).length).toBe(groups.length);
  });

  test('counts agree across sheets and with the result', () => {
    expect(sheet(sheets, '附件5-总表').tables[0]!.rows).toHaveLength(students.length);
    expect(sheet(sheets, '附件7-生源数据（内部）').tables[0]!.rows).toHaveLength(students.length);
    const recommended = students.filter((s) => s.status.startsWith('recommended_')).length;
    expect(sheet(sheets, '附件11-拟推荐名单').tables[0]!.rows).toHaveLength(recommended);
    const total = records(sheet(sheets, '附件14-升本放弃统计').tables[0]!).at(-1)!;
    expect(total['毕业生数']).toBe(students.length);
    expect(total['推荐（占指标）']).toBe(groups.reduce((n, g) => n + g.recommendedQuota, 0));
    expect(total['推荐（不占指标）']).toBe(groups.reduce((n, g) => n + g.recommendedDirect, 0));
    expect(total['推荐（退役士兵）']).toBe(groups.reduce((n, g) => n + g.recommendedVeteran, 0));
    const annex3 = records(sheet(sheets, '附件3-毕业班人数统计').tables[0]!).at(-1)!;
    expect(annex3['毕业班人数']).toBe(students.length);
  });

  test('deliberate cases show as the README says', () => {
    const annex8 = column(sheet(sheets, '附件8-不占指标名单').tables[0]!, '学号');
    expect(annex8).toContain('0121010031'); // G1-DIRECT-REGIONAL-1ST
    expect(annex8).toContain('0121010023'); // G1-DIRECT-PROVINCE-LEVEL
    expect(annex8).not.toContain('0121010007'); // priority only
    const veterans = records(sheet(sheets, '附件9-退役士兵升本方式').tables[0]!);
    expect(veterans.find((r) => r['学号'] === '0121010019')).toMatchObject({ 升本方式: '学校选拔', 结果: '推荐（退役士兵）' });
    const g1 = records(sheet(sheets, '附件6-机电一体化技术').tables[0]!);
    expect(g1.find((r) => r['学号'] === '0121010028')!['机械设计基础']).toBe('60(重)'); // 作弊, 重修 82 ⇒ 60
    expect(g1.find((r) => r['学号'] === '0121010033')!['液压与气动技术']).toBe('60(补)'); // 缺考, 补考 66 ⇒ 60
    expect(g1.find((r) => r['学号'] === '0121010019')!['计入课程数']).toBe(12);
  });
});
