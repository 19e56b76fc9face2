/**
 * SPEC §2.1, 细则 三(一)2: a 排名组's quota is its share of the (cohort, 专业, track) quota, by largest
 * remainder (`rankingGroupQuota` = apportioned, default); `separate` floors each group on its own.
 * 附件3/14 show the 专业 total and the split. A group with N < 5 gets a warning naming its students.
 */
import { runEngine } from '../../src/engine/index';
import { apportionQuotas } from '../../src/engine/quota';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { meta } from '../attachments/fixtures';
import { records, sheet } from '../attachments/helpers';
import { attempt, config, input, planCourse, student } from './builders';

/**
 * Issue 13 reproduction: 食品检验检测技术 2021, 普通 track, 162 students: 142 in the main group, 8 in 天工班,
 * 12 in 订单班. By hand (quotaPercent 30):
 *   Q = ⌊162 × 30 / 100⌋ = ⌊48.6⌋ = 48.
 *   floors: 142 → ⌊42.6⌋ = 42 (rest .60), 8 → ⌊2.4⌋ = 2 (rest .40), 12 → ⌊3.6⌋ = 3 (rest .60); Σ = 47.
 *   1 seat left: largest rest .60 shared by 142 and 12 ⇒ the larger N (142) gets it ⇒ 43 / 2 / 3 = 48.
 * Separately floored (the old behaviour, `separate`): 42 + 2 + 3 = 47.
 */
function foodMajor() {
  const major = '食品检验检测技术';
  const students = [
    ...Array.from({ length: 142 }, (_, i) => student(`m${String(i).padStart(3, '0')}`, { major, college: '食品学院', registration: 'registered' })),
    ...Array.from({ length: 8 }, (_, i) => student(`t${i}`, { major, college: '食品学院', rankingGroup: '天工班', registration: 'registered' })),
    ...Array.from({ length: 12 }, (_, i) => student(`d${String(i).padStart(2, '0')}`, { major, college: '食品学院', rankingGroup: '订单班', registration: 'registered' })),
  ];
  const attempts = students.map((s, i) => attempt(s.studentId, '课程A', 60 + (i % 40)));
  return input({ students, attempts, plan: [planCourse('课程A', { major })], hasRegistration: true });
}

describe('排名组 quota apportioned within its (cohort, 专业, track)', () => {
  test('162 = 142 + 8 + 12 ⇒ 48 seats (43 + 2 + 3), not 47', () => {
    const out = runEngine(foodMajor(), config());
    const q = Object.fromEntries(out.result.groups.map((g) => [g.label, [g.size, g.quotaBase, g.quota]]));
    expect(q).toEqual({
      食品检验检测技术: [142, 142, 43],
      '食品检验检测技术（天工班）': [8, 8, 2],
      '食品检验检测技术（订单班）': [12, 12, 3],
    });
  });

  test('rankingGroupQuota = separate: each group its own floor (42 + 2 + 3 = 47)', () => {
    const out = runEngine(foodMajor(), config({ rankingGroupQuota: 'separate' }));
    expect(out.result.groups.map((g) => g.quota).reduce((a, b) => a + b, 0)).toBe(47);
  });

  test('附件3 shows the 专业 total 48 and the split; 附件14 shows each share and the 专业 total', () => {
    const cfg = config();
    const out = runEngine(foodMajor(), cfg);
    const sheets = buildAllAttachments(out, cfg, meta([]));
    const a3 = records(sheet(sheets, '附件3-毕业班人数统计').tables[0]!);
    expect(a3[0]).toMatchObject({ 专业: '食品检验检测技术', 毕业班人数: 162, 推荐指标基数: 162, 推荐指标数: 48 });
    expect(a3[0]!['指标分配']).toBe('食品检验检测技术 43；食品检验检测技术（订单班） 3；食品检验检测技术（天工班） 2');
    const a14 = records(sheet(sheets, '附件14-升本放弃统计').tables[0]!);
    expect(Object.fromEntries(a14.slice(0, 3).map((r) => [r['专业'], [r['推荐指标数'], r['本专业指标合计']]]))).toEqual({
      食品检验检测技术: [43, 48],
      '食品检验检测技术（天工班）': [2, 48],
      '食品检验检测技术（订单班）': [3, 48],
    });
  });

  test('the track stays separate: 扩招 is never apportioned with 普通 (细则 三(一)2)', () => {
    // 普通 9 (⌊2.7⌋ = 2), 扩招 9 (2): apportioned together would be ⌊5.4⌋ = 5; separately 2 + 2 = 4.
    const q = apportionQuotas(
      [
        { key: 'a', grade: 2021, major: 'M', track: '普通', label: 'M', base: 9 },
        { key: 'b', grade: 2021, major: 'M', track: '扩招', label: 'M', base: 9 },
      ],
      config(),
    );
    expect([q.get('a'), q.get('b')]).toEqual([2, 2]);
  });

  test('ties in the remainder: larger N first, then label', () => {
    // 5 + 5 + 10 (p 30): floors 1 (.5), 1 (.5), 3 (0); Q = ⌊6⌋ = 6 ⇒ 1 left ⇒ the two 5s tie (N equal) ⇒ label "A" first.
    const q = apportionQuotas(
      [
        { key: 'B', grade: 2021, major: 'M', track: '普通', label: 'M（B）', base: 5 },
        { key: 'A', grade: 2021, major: 'M', track: '普通', label: 'M（A）', base: 5 },
        { key: 'C', grade: 2021, major: 'M', track: '普通', label: 'M', base: 10 },
      ],
      config(),
    );
    expect([q.get('A'), q.get('B'), q.get('C')]).toEqual([2, 1, 3]);
  });
});

describe('a group with N < 5 is warned about, naming its students as 学号（姓名）', () => {
  test('a lone 学籍异动 student under an old 年级', () => {
    const students = [...Array.from({ length: 5 }, (_, i) => student(`s${i}`)), student('x1', { cohort: 2020, name: '李四', statusChange: true })];
    const out = runEngine(input({ students, attempts: students.map((s) => attempt(s.studentId, '课程A', 80)), plan: [planCourse('课程A')] }), config());
    const small = out.result.issues.filter((i) => i.code === 'SMALL_GROUP');
    expect(small).toHaveLength(1);
    expect(small[0]!.message).toContain('2020级 机电一体化技术 只有 1 人（x1（李四））');
  });
});
