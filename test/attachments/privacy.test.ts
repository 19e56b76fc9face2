/** 细则 六(三), SPEC §4.3: no 身份证号, 手机号 or 家庭住址 on any publicity sheet; masked 身份证号 on request. */
import * as path from 'path';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments, maskIdNumber } from '../../src/sheets/attachments';
import type { SheetModel } from '../../src/sheets/attachments/model';
import { buildOutput, meta, preRegistrationGroups, registeredGroups, SEATS } from './fixtures';
import { allTexts, column, sheet } from './helpers';

const ID = /\d{17}[\dXx]/;
const MOBILE = /1[3-9]\d{9}/;

function variants(): SheetModel[][] {
  const out: SheetModel[][] = [];
  for (const groups of [registeredGroups(), preRegistrationGroups()]) {
    for (const showMaskedIdNumber of [false, true]) {
      const { output, config } = buildOutput(groups, { seats: SEATS, config: { showMaskedIdNumber } });
      out.push(buildAllAttachments(output, config, meta()));
    }
  }
  return out;
}

describe('privacy', () => {
  const all = variants();
  const { output } = buildOutput(registeredGroups());
  const addresses = [...output.students.values()].map((d) => d.student.address!);

  test('the fixture really carries the sensitive data (so the scan can find it)', () => {
    const internal = sheet(all[0]!, '附件7-生源数据（内部）');
    const text = allTexts(internal).join('\n');
    expect(text).toMatch(ID);
    expect(text).toMatch(MOBILE);
  });

  test('no 18-character ID, 11-digit mobile or address in any cell of any sheet except 附件7', () => {
    let scanned = 0;
    const leaks: string[] = [];
    for (const sheets of all) {
      for (const s of sheets) {
        if (s.name.startsWith('附件7')) continue;
        for (const text of allTexts(s)) {
          scanned++;
          if (ID.test(text) || MOBILE.test(text) || addresses.some((a) => text.includes(a))) leaks.push(`${s.name}: ${text}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(scanned).toBeGreaterThan(1000);
  });

  test('every publicity sheet is marked publicity; 附件7 is the only internal sheet with 身份证号', () => {
    for (const sheets of all) {
      for (const s of sheets) {
        const hasId = s.tables.some((t) => t.columns.some((c) => c.header === '身份证号'));
        expect({ name: s.name, hasId }).toEqual({ name: s.name, hasId: s.name.startsWith('附件7') });
        expect({ name: s.name, publicity: s.publicity }).toEqual({ name: s.name, publicity: !(s.name.startsWith('附件7') || s.name === '计算说明' || s.name === '结果快照') });
      }
    }
  });

  test('maskIdNumber keeps the first 6 and last 4', () => {
    expect(maskIdNumber('450203200201011234')).toBe('450203********1234');
    expect(maskIdNumber('45020320020101123X')).toBe('450203********123X');
    expect(maskIdNumber('450203020101123')).toBe('450203*****1123');
    expect(maskIdNumber(' ')).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
    expect(maskIdNumber('1234567')).toBe('*******');
  });

  test('with showMaskedIdNumber the student lists get a masked column; without it they do not', () => {
    const [plain, masked] = all;
    const lists = ['附件5-机电一体化技术', '附件5-总表', '附件8-不占指标名单', '附件10-机电工程学院', '附件11-拟推荐名单'];
    for (const name of lists) {
      expect(sheet(plain!, name).tables[0]!.columns.map((c) => c.header)).not.toContain('身份证号（脱敏）');
      const t = sheet(masked!, name).tables[0]!;
      const values = column(t, '身份证号（脱敏）');
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(String(v)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(t.columns.find((c) => c.header === '身份证号（脱敏）')!.text).toBe(true);
    }
    const zhang = sheet(masked!, '附件5-机电一体化技术').tables[0]!;
    const fullId = output.students.get('2021010101')!.student.idNumber!;
    expect(column(zhang, '身份证号（脱敏）')[0]).toBe(`${fullId.slice(0, 6)}********${fullId.slice(-4)}`);
  });

  test('no publicity sheet names a sheet the 公示用工作簿 leaves out (附件7, 计算说明, 结果快照, 结果变更说明) — the sample with and without its 教学计划 (issue 18)', async () => {
    const tables = workbookToTables(await loadXlsxFile(path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx')));
    const config = defaultConfig();
    const plan = analyse(tables, config).parsed.sheets.find((d) => d.kind === 'plan')!.sheet;
    const builds = [...all];
    let inferredNotes = 0;
    for (const input of [tables, tables.filter((t) => t.sheet !== plan)]) {
      const a = analyse(input, config);
      const models = buildAllAttachments(a.output!, config, { inputFingerprint: 'f', generatedAt: '2024-04-15T08:00:00Z', sources: [], issues: a.issues });
      builds.push(models);
      inferredNotes += models.filter((m) => m.footnotes.some((f) => f.includes('计入课程按成绩推断'))).length;
    }
    // Without the plan every 附件6 explains the inference in its own words: 8 groups, one 附件6 each.
    expect(inferredNotes).toBe(8);
    const found: string[] = [];
    for (const models of builds) {
      const internal = [...new Set([...models.filter((m) => !m.publicity).map((m) => m.name), '附件7', '计算说明', '结果快照', '结果变更说明'])];
      for (const m of models.filter((x) => x.publicity)) {
        for (const text of [...allTexts(m), m.pageHeader ?? '']) for (const n of internal) if (text.includes(n)) found.push(`${m.name}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);
});
