/**
 * SPEC §2.7 (issue 13 point 5): an award won before the cohort year, or at 中职, still counts but gets the
 * AWARD_BEFORE_ENROLMENT warning (细则 五(五)); 团队排名 is in the evidence where it decided; messages name
 * the student as 学号（姓名）.
 */
import { classifyAwards } from '../../src/engine/awards';
import { defaultConfig } from '../../src/engine/config';
import { award } from './builders';

const cfg = defaultConfig();
const holder = { name: '王五', cohort: 2021 };
const early = (r: ReturnType<typeof classifyAwards>) => r.issues.filter((i) => i.code === 'AWARD_BEFORE_ENROLMENT');

describe('AWARD_BEFORE_ENROLMENT', () => {
  test('获奖年份 2020 before cohort 2021: still direct, with a warning naming 学号（姓名）', () => {
    // 全国职业院校技能大赛 国家级 三等奖 ⇒ direct.
    const r = classifyAwards([award('s1', { year: 2020 })], cfg, holder);
    expect(r.qualifiesDirect).toBe(true);
    expect(early(r)).toHaveLength(1);
    expect(early(r)[0]!.message).toContain('s1（王五）');
    expect(early(r)[0]!.message).toContain('获奖年份 2020 早于入学年级 2021');
  });

  test('获奖年份 equal to the cohort year, or later: no warning', () => {
    expect(early(classifyAwards([award('s1', { year: 2021 }), award('s1', { year: 2023 })], cfg, holder))).toEqual([]);
  });

  test('中职 in 类别 or 项目名称: warning even without a year; the award still counts', () => {
    const r = classifyAwards([award('s1', { category: '全国职业院校技能大赛', project: '中职组 电气安装与维修' })], cfg, holder);
    expect(r.qualifiesDirect).toBe(true);
    expect(early(r)).toHaveLength(1);
    expect(early(r)[0]!.message).toContain('中职');
  });

  test('an award that counts for nothing gets no such warning', () => {
    const r = classifyAwards([award('s1', { category: '某某杯征文比赛', year: 2019 })], cfg, holder);
    expect(early(r)).toEqual([]);
  });
});

describe('团队排名 in the evidence', () => {
  test('中国国际大学生创新大赛 国家级 铜奖, 团队排名 3 ⇒ direct; the evidence says 团队排名第3', () => {
    const r = classifyAwards(
      [award('s1', { category: '中国国际大学生创新大赛', project: '智能仓储', level: 'national', levelText: '国家级', grade: '铜奖', teamRank: 3 })],
      cfg,
      holder,
    );
    expect(r.qualifiesDirect).toBe(true);
    expect(r.evidence[0]!.text).toContain('团队排名第3');
  });

  test('团队排名 6 ⇒ priority only; the evidence says why (团队排名第6)', () => {
    const r = classifyAwards(
      [award('s1', { category: '中国国际大学生创新大赛', project: '智能仓储', level: 'national', levelText: '国家级', grade: '铜奖', teamRank: 6 })],
      cfg,
      holder,
    );
    expect([r.qualifiesDirect, r.priority]).toEqual([false, true]);
    expect(r.evidence[0]!.text).toContain('团队排名第6');
  });

  test('missing 团队排名: the warning names the student 学号（姓名）', () => {
    const r = classifyAwards(
      [award('s1', { category: '中国国际大学生创新大赛', level: 'national', levelText: '国家级', grade: '金奖', teamRank: null })],
      cfg,
      holder,
    );
    expect(r.issues.find((i) => i.code === 'AWARD_TEAM_RANK_MISSING')!.message).toMatch(/^s1（王五） /u);
  });
});
