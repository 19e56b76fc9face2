/**
 * SPEC §1.1 / §1.6: the roster's coded columns are read by whole-value vocabularies with negations; a value
 * outside them gets the column's documented fallback and one UNKNOWN_VALUE warning. Reproductions of
 * issue 13: 学籍异动 无异动/正常/- read as 是; 处分 警告（已解除）/已解除/无处分 read as 处分未解除; 培养类型 matched
 * by substring (非定向 → 定向, 普通（非扩招） → 扩招); 放弃证明 未提交 read as submitted.
 */
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { sanctionWord, statusChangeWord, trainingTypeWord, waiverProofWord } from '../../src/sheets/rosterVocabulary';
import type { CellValue } from '../../src/sheets/table';
import { table } from './helpers';

const config = defaultConfig();

/**
 * One student per extra-column value, all in 2021 机电, with a plan of two courses 高数 and 英语 and a grade
 * only for 高数 (90): not 异动 ⇒ 英语 missing = 0 ⇒ (90 + 0) / 2 = 45.00; 异动 ⇒ only 高数 counts ⇒ 90.00.
 */
function run(column: string, values: CellValue[], extra: { header: string; cells: CellValue[] } | null = null, cfg = config) {
  const header = ['学号', '姓名', '专业', '年级', column, ...(extra ? [extra.header] : [])];
  const rows = values.map((v, i) => [`0${i + 1}`, `生${i + 1}`, '机电', 2021, v, ...(extra ? [extra.cells[i] ?? null] : [])]);
  const roster = table('名册', [header, ...rows]);
  const plan = table('教学计划', [
    ['专业', '课程名称', '学期'],
    ['机电', '高数', 1],
    ['机电', '英语', 1],
  ]);
  const grades = table('成绩', [['学号', '课程名称', '成绩', '学期'], ...values.map((_, i) => [`0${i + 1}`, '高数', 90, 1])]);
  return analyse([roster, grades, plan], cfg);
}

const unknown = (a: ReturnType<typeof run>) => a.issues.filter((i) => i.code === 'UNKNOWN_VALUE');
const byId = (a: ReturnType<typeof run>) => new Map(a.output!.result.students.map((s) => [s.studentId, s]));

describe('学籍异动 (SPEC §1.1)', () => {
  test('无异动 / 正常 / - / 否 / 在籍 / 未异动 / blank are 否: the missing course counts as 0 (45.00), not 90.00', () => {
    const a = run('学籍异动', ['无异动', '正常', '-', '否', '在籍', '未异动', null]);
    for (const s of byId(a).values()) {
      expect([s.studentId, s.average, s.reasons.includes('MISSING_COURSE')]).toEqual([s.studentId, '45.00', true]);
    }
    expect(unknown(a)).toEqual([]);
  });

  test('是 / 转专业 / 休学 are 是 (only the taken course counts: 90.00); other text is 是 and reported once with its count', () => {
    const a = run('学籍异动', ['是', '转专业', '休学', '2022年从会计转入', '2022年从会计转入']);
    for (const s of byId(a).values()) expect(s.average).toBe('90.00');
    const u = unknown(a);
    expect(u).toHaveLength(1);
    expect(u[0]!.message).toContain('“学籍异动”列的取值“2022年从会计转入”');
    expect(u[0]!.message).toContain('已按“是（学籍异动）”处理');
    expect(u[0]!.message).toContain('共 2 行');
    expect(u[0]!.cell).toBe('E5');
  });

  test("the user's chosen meaning (valueMeanings) is applied first and not reported", () => {
    const a = run('学籍异动', ['待定'], null, { ...config, valueMeanings: { 学籍异动: { 待定: '否' } } });
    expect(byId(a).get('01')!.average).toBe('45.00');
    expect(unknown(a)).toEqual([]);
  });

  test('the vocabulary is whole-value: 异动 types and negatives', () => {
    expect(statusChangeWord('无异动')).toEqual({ change: false });
    expect(statusChangeWord(' 正 常 ')).toEqual({ change: false });
    expect(statusChangeWord('—')).toEqual({ change: false });
    expect(statusChangeWord('复学')).toEqual({ change: true, type: '复学' });
    expect(statusChangeWord('无异动情况不明')).toBeUndefined();
  });
});

describe('处分 (SPEC §1.1, 细则 二(一)4: only 尚未解除 excludes)', () => {
  test('警告（已解除） / 已解除 / 无处分 / 已撤销 / 无 are not SANCTION; 是 / 未解除 are', () => {
    const a = run('处分', ['警告（已解除）', '已解除', '无处分', '记过(已撤销)', '无', '是', '警告（未解除）']);
    const s = byId(a);
    for (const id of ['01', '02', '03', '04', '05']) expect([id, s.get(id)!.reasons.includes('SANCTION')]).toEqual([id, false]);
    expect(s.get('06')!.reasons).toContain('SANCTION');
    expect(s.get('07')!.reasons).toContain('SANCTION');
    // The description read as 是 is reported with the student as 学号（姓名）.
    const described = a.issues.filter((i) => i.code === 'SANCTION_DESCRIBED');
    expect(described).toHaveLength(1);
    expect(described[0]!.message).toContain('07（生7）');
    // A description is in the vocabulary (SPEC §1.1: 是 unless lifted): reported with the student, not as UNKNOWN_VALUE.
    expect(unknown(a)).toEqual([]);
  });

  test('the user may choose the meaning of a description (处分未解除|警告=否)', () => {
    const a = run('处分', ['警告'], null, { ...config, valueMeanings: { 处分未解除: { 警告: '否' } } });
    expect(byId(a).get('01')!.reasons).not.toContain('SANCTION');
    expect(a.issues.filter((i) => i.code === 'SANCTION_DESCRIBED')).toEqual([]);
  });

  test('a bare description (严重警告) is 是 and reported', () => {
    expect(sanctionWord('严重警告')).toBe('description');
    expect(sanctionWord('尚未解除')).toBe(true);
    expect(sanctionWord('处分已解除')).toBe(false);
  });
});

describe('培养类型 (SPEC §1.1: whole values, never a substring)', () => {
  test('非定向 is 普通 (no DIRECTED); 普通（非扩招） stays in the 普通 group; 定向培养 is DIRECTED; 扩招班 is 扩招', () => {
    const a = run('培养类型', ['非定向', '普通（非扩招）', '定向培养', '扩招班', '统招']);
    const s = byId(a);
    expect(s.get('01')!.reasons).not.toContain('DIRECTED');
    expect(s.get('01')!.group).toBe('2021|机电|普通');
    expect(s.get('02')!.group).toBe('2021|机电|普通');
    expect(s.get('03')!.reasons).toContain('DIRECTED');
    expect(s.get('04')!.group).toBe('2021|机电|扩招');
    expect(s.get('05')!.group).toBe('2021|机电|普通');
    expect(unknown(a)).toEqual([]);
  });

  test('an unknown 培养类型 (订单定向班) is read as 普通 and reported, never as 定向 by substring', () => {
    const a = run('培养类型', ['订单定向班']);
    expect(byId(a).get('01')!.reasons).not.toContain('DIRECTED');
    expect(unknown(a)).toHaveLength(1);
    expect(unknown(a)[0]!.message).toContain('已按“普通”处理');
    expect(trainingTypeWord('非扩招')).toBe('normal');
  });
});

describe('放弃证明 (SPEC §1.1)', () => {
  const reg = { header: '报名状态', cells: ['放弃', '放弃', '放弃', '放弃', '放弃', '放弃'] as CellValue[] };
  test('未提交 / 无 / - mean no proof (auto_waived); 已提交 / a date / a file name mean proof (waived)', () => {
    // Everyone has 45.00 (same key) and 6 students: all rank 1, top60 — but 英语 missing ⇒ ineligible. Use
    // the vocabulary directly for the status, and the parse for the reading.
    expect(waiverProofWord('未提交')).toBe(false);
    expect(waiverProofWord('无')).toBe(false);
    expect(waiverProofWord('-')).toBe(false);
    expect(waiverProofWord('已提交')).toBe(true);
    expect(waiverProofWord('2024-03-27')).toBe(true);
    expect(waiverProofWord('张三放弃声明.pdf')).toBe(true);
    expect(waiverProofWord('第3页')).toBe(true);
    expect(waiverProofWord('待补')).toBeUndefined();
    expect(waiverProofWord('已签字（2024-03-27）')).toBe(true);
    expect(waiverProofWord('未提交（2024-03-27）')).toBeUndefined();
    const a = run('放弃证明', ['未提交', '已提交', '无', '2024-03-27', '待补', '-'], reg);
    // The statuses, with both plan courses taken (45.00 would make them ineligible): all 6 eligible.
    const roster = table('名册', [
      ['学号', '姓名', '专业', '年级', '报名状态', '放弃证明'],
      ['01', '甲', '机电', 2021, '放弃', '未提交'],
      ['02', '乙', '机电', 2021, '放弃', '已提交'],
      ['03', '丙', '机电', 2021, '放弃', '2024-03-27'],
    ]);
    const grades = table('成绩', [['学号', '课程名称', '成绩'], ['01', '高数', 90], ['02', '高数', 90], ['03', '高数', 90]]);
    const b = analyse([roster, grades], config);
    expect(b.output!.result.students.map((s) => [s.studentId, s.status])).toEqual([
      ['01', 'auto_waived'],
      ['02', 'waived'],
      ['03', 'waived'],
    ]);
    expect(unknown(a).map((i) => [i.message.match(/取值“([^”]+)”/u)?.[1], i.message.includes('已按“已提交”处理')])).toEqual([['待补', true]]);
  });
});

describe('计入平均分 and 审核结果: the chosen meaning is applied before the vocabulary (SPEC §1.6)', () => {
  test('计入平均分 “选修” is an error until the user chooses 否; then 英语 is not counted (90.00)', () => {
    const sheets = () => [
      table('名册', [['学号', '姓名', '专业', '年级'], ['01', '甲', '机电', 2021]]),
      table('成绩', [['学号', '课程名称', '成绩', '学期'], ['01', '高数', 90, 1]]),
      table('教学计划', [['专业', '课程名称', '学期', '计入平均分'], ['机电', '高数', 1, '是'], ['机电', '英语', 1, '选修']]),
    ];
    expect(analyse(sheets(), config).issues.some((i) => i.code === 'BAD_BOOLEAN' && i.cell === 'D3')).toBe(true);
    const chosen = analyse(sheets(), { ...config, valueMeanings: { 计入平均分: { 选修: '否' } } });
    expect(chosen.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(chosen.output!.result.students[0]!.average).toBe('90.00');
  });
});
