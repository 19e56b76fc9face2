/**
 * SPEC §3.3 (issue 13 point 8): every message that names a student names him as 学号（姓名）. One scenario
 * raising TIE_AT_QUOTA, ALLOCATION_CONFLICT, REGISTERED_WITH_WAIVER, RULING_IGNORED, AFTER_CUTOFF,
 * STUDENT_NO_GRADES…; then the two wording slips of the issue.
 */
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { table } from '../sheets/helpers';

const cfg = defaultConfig();

function scenario(over = {}) {
  // 10 students; Q = 3. a (95) seat; t1, t2, t3 (90) tie for 2 seats ⇒ TIE_AT_QUOTA; w (85) registered with a
  // waiver ⇒ REGISTERED_WITH_WAIVER; r (60) has a 裁定结果 without a tie ⇒ RULING_IGNORED; g (异动) has no
  // grades; late (异动) has a 补考 after the cutoff.
  const roster = table('名册', [
    ['学号', '姓名', '专业', '年级', '报名状态', '放弃证明', '裁定结果', '学籍异动', '志愿1'],
    ['a', '安', '机电', 2021, '已报名', null, null, '否', '广西科技大学/机械工程'],
    ['t1', '唐一', '机电', 2021, '已报名', null, null, '否', null],
    ['t2', '唐二', '机电', 2021, '已报名', null, null, '否', null],
    ['t3', '唐三', '机电', 2021, '已报名', null, null, '否', null],
    ['w', '王', '机电', 2021, '已报名', '已提交', null, '否', null],
    ['r', '任', '机电', 2021, '已报名', null, '推荐', '否', null],
    ['g', '高', '机电', 2021, '已报名', null, null, '休学', null],
    ['late', '黎', '机电', 2021, '已报名', null, null, '复学', null],
    ['x1', '徐一', '机电', 2021, '已报名', null, null, '否', null],
    ['x2', '徐二', '机电', 2021, '已报名', null, null, '否', null],
  ]);
  const grades = table('成绩', [
    ['学号', '课程名称', '成绩', '考试性质', '成绩日期'],
    ['a', '高数', 95, '正考', '2023-01-10'],
    ['t1', '高数', 90, '正考', '2023-01-10'],
    ['t2', '高数', 90, '正考', '2023-01-10'],
    ['t3', '高数', 90, '正考', '2023-01-10'],
    ['w', '高数', 85, '正考', '2023-01-10'],
    ['r', '高数', 60, '正考', '2023-01-10'],
    ['late', '高数', 50, '正考', '2023-01-10'],
    ['late', '高数', 70, '补考', '2024-04-01'],
    ['x1', '高数', 55, '正考', '2023-01-10'],
    ['x2', '高数', 54, '正考', '2023-01-10'],
  ]);
  return analyse([roster, grades], { ...cfg, ...over });
}

describe('messages name students 学号（姓名）', () => {
  const names: Record<string, string> = { a: '安', t1: '唐一', t2: '唐二', t3: '唐三', w: '王', r: '任', g: '高', late: '黎' };
  test('each expected code is raised and names its students as 学号（姓名）', () => {
    const issues = scenario().issues;
    const byCode = (code: string) => issues.filter((i) => i.code === code).map((i) => i.message).join('\n');
    expect(byCode('TIE_AT_QUOTA')).toContain('t1（唐一）、t2（唐二）、t3（唐三）');
    expect(byCode('REGISTERED_WITH_WAIVER')).toContain('w（王）');
    expect(byCode('RULING_IGNORED')).toContain('r（任）');
    expect(byCode('STUDENT_NO_GRADES')).toContain('g（高）');
    expect(byCode('AFTER_CUTOFF')).toContain('late（黎）');
    // No message names a student by 姓名（学号）, the old order.
    for (const i of issues) for (const [id, name] of Object.entries(names)) expect(i.message).not.toContain(`${name}（${id}）`);
  });

  test('STUDENT_NO_GRADES for a 学籍异动 student says 无有效成绩, not 按未修处理', () => {
    const msg = scenario().issues.find((i) => i.code === 'STUDENT_NO_GRADES')!.message;
    expect(msg).toContain('无有效成绩');
    expect(msg).not.toContain('按未修处理');
  });

  test('AFTER_CUTOFF: for a 学籍异动 student it cites the 细则, and says the 正考 still counts', () => {
    const msg = scenario().issues.find((i) => i.code === 'AFTER_CUTOFF')!.message;
    expect(msg).toContain('细则 二(一)2');
    expect(msg).toContain('正考');
  });

  test('AFTER_CUTOFF under cutoffAppliesToAll: for a non-异动 student it names the setting, not the 细则', () => {
    const roster = table('名册', [['学号', '姓名', '专业', '年级'], ['n', '牛', '机电', 2021]]);
    const grades = table('成绩', [['学号', '课程名称', '成绩', '考试性质', '成绩日期'], ['n', '高数', 50, '正考', '2023-01-10'], ['n', '高数', 70, '补考', '2024-04-01']]);
    const a = analyse([roster, grades], { ...cfg, cutoffAppliesToAll: true });
    const msg = a.issues.find((i) => i.code === 'AFTER_CUTOFF')!.message;
    expect(msg).toContain('n（牛）');
    expect(msg).toContain('设置“截止日期适用于全部学生”');
    expect(msg).not.toContain('按细则不计入');
    // The late 补考 is dropped, the 正考 (50) stays: average 50.00.
    expect(a.output!.result.students[0]!.average).toBe('50.00');
  });
});
