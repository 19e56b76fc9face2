/** SPEC §2.7 (细则 二(一)3): 不占指标 (direct) and 同等条件优先 (priority) from awards. */
import { classifyAwards, identifyCompetition, prizeTier } from '../../src/engine/awards';
import type { Award } from '../../src/engine/model';
import { award, config } from './builders';

const cfg = config();
const one = (over: Partial<Award>) => classifyAwards([award('s1', over)], cfg);

describe('§2.7 prize tiers', () => {
  it.each([
    ['特等奖', 0],
    ['一等奖', 1],
    ['金牌', 1],
    ['金奖', 1],
    ['二等奖', 2],
    ['银牌', 2],
    ['银奖', 2],
    ['三等奖', 3],
    ['铜牌', 3],
    ['铜奖', 3],
    ['优秀奖', 4],
    ['一等奖（金牌）', 1],
    [' 二 等 奖 ', 2],
  ])('%s → tier %d', (grade, tier) => {
    expect(prizeTier(grade)).toBe(tier);
  });
  it('an unknown 等次 has no tier', () => {
    expect(prizeTier('参与奖')).toBeNull();
  });
});

describe('§2.7 competition names', () => {
  it.each([
    ['全国职业院校技能大赛', '全国职业院校技能大赛'],
    ['2023年全国职业院校技能大赛（高职组）', '全国职业院校技能大赛'],
    ['中华人民共和国职业技能大赛', '中华人民共和国职业技能大赛'],
    ['广西职业院校技能大赛', '广西职业院校技能大赛'],
    ['广西壮族自治区职业院校技能大赛', '广西职业院校技能大赛'],
    ['中华职业教育创新创业大赛', '中华职业教育创新创业大赛'],
    ['广西中华职业教育创新创业大赛', '广西中华职业教育创新创业大赛'],
    ['第九届中华职业教育创新创业大赛广西赛区', '广西中华职业教育创新创业大赛'],
    ['中国国际大学生创新大赛', '中国国际大学生创新大赛'],
    ['中国国际“互联网+”大学生创新创业大赛', '中国国际大学生创新大赛'],
    ['中国国际＂互联网＋＂大学生创新创业大赛广西赛区', '中国国际大学生创新大赛'],
    ['第47届世界技能大赛', '世界技能大赛'],
    ['全国职业院校技能竞赛', '全国职业院校技能大赛'],
    ['全国职业技能大赛', '中华人民共和国职业技能大赛'],
  ])('%s is %s', (category, name) => {
    expect(identifyCompetition(category)?.name).toBe(name);
  });
  it.each(['挑战杯全国大学生课外学术科技作品竞赛', '全国大学生数学建模竞赛', '职业院校技能大赛'])('%s is not listed', (c) => {
    expect(identifyCompetition(c)).toBeNull();
  });
});

describe('§2.7 skills competitions: 自治区级 first tier or 国家级 third tier or better ⇒ direct', () => {
  it.each([
    ['national', '国家级', '三等奖', true],
    ['national', '国家级', '铜牌', true],
    ['national', '国家级', '优秀奖', false],
    ['regional', '自治区级', '一等奖', true],
    ['regional', '省级', '金牌', true],
    ['regional', '自治区级', '特等奖', true],
    ['regional', '自治区级', '二等奖', false],
    ['regional', '自治区级', '银奖', false],
    ['city', '市级', '一等奖', false],
    ['school', '校级', '特等奖', false],
  ] as const)('%s %s %s → direct %s', (level, levelText, grade, direct) => {
    const r = one({ category: '广西职业院校技能大赛', level, levelText, grade });
    expect(r.qualifiesDirect).toBe(direct);
    expect(r.priority).toBe(true); // any award of those competitions is at least priority, 市级 and 校级 included
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0].kind).toBe(direct ? 'direct' : 'priority');
  });

  it('广西中华职业教育创新创业大赛 自治区级 一等奖 is direct; the same prize of another competition is nothing', () => {
    expect(one({ category: '广西中华职业教育创新创业大赛', level: 'regional', levelText: '自治区级', grade: '一等奖' }).qualifiesDirect).toBe(true);
    const other = one({ category: '广西大学生程序设计竞赛', level: 'regional', levelText: '自治区级', grade: '一等奖' });
    expect(other).toMatchObject({ qualifiesDirect: false, priority: false, evidence: [] });
    expect(other.issues.map((i) => i.code)).toEqual(['AWARD_NOT_COUNTED']);
  });

  it('世界技能大赛 in 类别 ⇒ direct whatever the level and prize', () => {
    const r = one({ category: '世界技能大赛集训队', level: null, levelText: '', grade: '集训队队员' });
    expect(r.qualifiesDirect).toBe(true);
    expect(r.issues).toEqual([]);
  });
});

describe('§2.7 中国国际大学生创新大赛: the prize and 团队排名 ≤ 5', () => {
  const innovation = { category: '中国国际“互联网+”大学生创新创业大赛', level: 'regional', levelText: '自治区级', grade: '金奖' } as const;
  it('区赛金奖, team rank 5 ⇒ direct', () => {
    expect(one({ ...innovation, teamRank: 5 }).qualifiesDirect).toBe(true);
  });
  it('区赛金奖, team rank 6 ⇒ priority only', () => {
    expect(one({ ...innovation, teamRank: 6 })).toMatchObject({ qualifiesDirect: false, priority: true });
  });
  it('区赛银奖, team rank 1 ⇒ priority only', () => {
    expect(one({ ...innovation, grade: '银奖', teamRank: 1 })).toMatchObject({ qualifiesDirect: false, priority: true });
  });
  it('国赛铜奖, team rank 2 ⇒ direct', () => {
    expect(one({ ...innovation, level: 'national', levelText: '国家级', grade: '铜奖', teamRank: 2 }).qualifiesDirect).toBe(true);
  });
  it('missing 团队排名 ⇒ not direct, priority, a warning at the award row', () => {
    const a = award('s1', { ...innovation, teamRank: null, source: { sheet: '获奖与荣誉', row: 7, column: 'H' } });
    const r = classifyAwards([a], cfg);
    expect(r).toMatchObject({ qualifiesDirect: false, priority: true });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', code: 'AWARD_TEAM_RANK_MISSING', sheet: '获奖与荣誉', row: 7, cell: 'H7' });
    expect(r.issues[0].message).toContain('团队排名');
  });
  it('missing 团队排名 on a prize that could never be direct raises no warning', () => {
    expect(one({ ...innovation, grade: '铜奖', teamRank: null }).issues).toEqual([]);
  });
});

describe('§2.7 荣誉称号', () => {
  it.each([
    ['优秀毕业生', 'regional', '自治区级', true, true],
    ['三好学生', 'regional', '自治区级', true, true],
    ['优秀学生干部', 'national', '国家级', true, true],
    ['优秀团干', 'regional', '省级', true, true],
    ['优秀团干部', 'regional', '自治区级', true, true],
    ['优秀团员', 'regional', '自治区级', false, true],
    ['优秀共青团员', 'school', '校级', false, true],
    ['三好学生', 'school', '校级', false, true],
    ['优秀学生干部', 'city', '市级', false, true],
    ['优秀团干', 'school', '校级', false, true],
    ['优秀毕业生', 'school', '校级', false, false],
  ] as const)('%s %s（%s）→ direct %s, priority %s', (name, level, levelText, direct, priority) => {
    const r = one({ category: '荣誉称号', project: name, level, levelText, grade: '' });
    expect(r.qualifiesDirect).toBe(direct);
    expect(r.priority).toBe(priority);
  });

  it('the honour name is read from 项目名称, else from 等次', () => {
    expect(one({ category: '荣誉称号', project: '', grade: '三好学生', level: 'regional', levelText: '自治区级' }).qualifiesDirect).toBe(true);
    expect(one({ category: '荣誉称号', project: '', grade: '', level: 'regional', levelText: '自治区级' }).priority).toBe(false);
  });

  it('an honour with an unreadable 级别 counts for nothing and warns', () => {
    const r = one({ category: '荣誉称号', project: '三好学生', level: null, levelText: '区级?', grade: '' });
    expect(r).toMatchObject({ qualifiesDirect: false, priority: false });
    expect(r.issues.map((i) => i.code)).toEqual(['AWARD_LEVEL_UNKNOWN']);
  });
});

describe('§2.7 only verified awards count', () => {
  it('an unverified national first prize counts for nothing', () => {
    const r = one({ level: 'national', grade: '一等奖', verified: false });
    expect(r).toEqual({ qualifiesDirect: false, priority: false, evidence: [], issues: [] });
  });
  it('a verified one next to it decides', () => {
    const r = classifyAwards(
      [award('s1', { grade: '一等奖', verified: false }), award('s1', { level: 'school', levelText: '校级', grade: '二等奖' })],
      cfg,
    );
    expect(r).toMatchObject({ qualifiesDirect: false, priority: true });
    expect(r.evidence).toHaveLength(1);
  });
});

describe('§2.7 evidence text (附件8)', () => {
  it('competition: year, 类别, 级别, 等次 and the project', () => {
    const r = one({ year: 2023, category: '全国职业院校技能大赛', project: '工业机器人技术应用', levelText: '国家级', grade: '二等奖' });
    expect(r.evidence[0]).toMatchObject({
      kind: 'direct',
      text: '2023年 全国职业院校技能大赛 国家级 二等奖（工业机器人技术应用）',
      sheet: '获奖与荣誉',
    });
  });
  it('honour: year, 级别 and the title', () => {
    const r = one({ year: 2022, category: '荣誉称号', project: '优秀学生干部', level: 'regional', levelText: '自治区级', grade: '' });
    expect(r.evidence[0].text).toBe('2022年 自治区级 “优秀学生干部”荣誉称号');
  });
  it('lists every counting award in row order, direct and priority', () => {
    const late = award('s1', { grade: '三等奖', source: { sheet: '获奖与荣誉', row: 20 } });
    const early = award('s1', { category: '荣誉称号', project: '优秀团员', level: 'school', levelText: '校级', grade: '', source: { sheet: '获奖与荣誉', row: 3 } });
    const r = classifyAwards([late, early], cfg);
    expect(r.evidence.map((e) => [e.row, e.kind])).toEqual([
      [3, 'priority'],
      [20, 'direct'],
    ]);
  });
});

describe('§2.7 unreadable 级别 / 等次 of a listed competition', () => {
  it('级别 unknown ⇒ priority only, warning', () => {
    const r = one({ level: null, levelText: '区级', grade: '一等奖' });
    expect(r).toMatchObject({ qualifiesDirect: false, priority: true });
    expect(r.issues.map((i) => i.code)).toEqual(['AWARD_LEVEL_UNKNOWN']);
  });
  it('等次 unknown ⇒ priority only, warning', () => {
    const r = one({ grade: '第一名' });
    expect(r).toMatchObject({ qualifiesDirect: false, priority: true });
    expect(r.issues.map((i) => i.code)).toEqual(['AWARD_GRADE_UNKNOWN']);
  });
});
