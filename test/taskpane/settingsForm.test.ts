import { defaultConfig } from '../../src/engine/config';
import { configFromDraft, configKeys, draftFromConfig, settingFields } from '../../src/taskpane/settingsForm';

describe('设置 form', () => {
  it('has exactly one field for every setting of the config schema', () => {
    const fields = settingFields.map((f) => f.key).sort();
    expect(fields).toEqual([...configKeys()].sort());
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('round-trips the defaults unchanged', () => {
    const r = configFromDraft(draftFromConfig(defaultConfig()));
    expect(r).toEqual({ config: defaultConfig() });
  });

  it('reads numbers, term lists and name=number lines, also with full-width digits and Chinese commas', () => {
    const draft = draftFromConfig(defaultConfig());
    draft.quotaPercent = '２５';
    draft.countedTerms = '4，1、2,2';
    draft.fiveLevel = '优秀=96\n良好＝86\n\n及格=60';
    draft.graduatingClassSize = '2021|机电一体化技术|普通=120';
    draft.veteranUsesQuota = true;
    const r = configFromDraft(draft);
    if (!('config' in r)) throw new Error(JSON.stringify(r.problems));
    expect(r.config.quotaPercent).toBe(25);
    expect(r.config.countedTerms).toEqual([1, 2, 4]);
    expect(r.config.fiveLevel).toEqual({ 优秀: 96, 良好: 86, 及格: 60 });
    expect(r.config.graduatingClassSize).toEqual({ '2021|机电一体化技术|普通': 120 });
    expect(r.config.veteranUsesQuota).toBe(true);
  });

  it.each([
    ['quotaPercent', 'abc', '推荐比例'],
    ['quotaPercent', '130', '推荐比例'],
    ['rankPercent', '60.5', '成绩排名比例线'],
    ['gradeCutoff', '2024/3/18', '成绩截止日期'],
    ['countedTerms', '', '计入平均分的学期'],
    ['countedTerms', '0,1', '计入平均分的学期'],
    ['fiveLevel', '优秀', '五级制折算分'],
    ['fiveLevel', '优秀=120', '五级制折算分'],
    ['graduatingClassSize', '2021|机电|普通=12.5', '毕业班人数'],
    ['schoolName', '  ', '学校名称'],
  ] as const)('rejects %s = %j with a Chinese message naming the setting', (key, value, label) => {
    const draft = draftFromConfig(defaultConfig());
    draft[key] = value;
    const r = configFromDraft(draft);
    expect('problems' in r).toBe(true);
    if (!('problems' in r)) return;
    expect(r.problems.map((p) => p.path.split('.')[0])).toContain(key);
    expect(r.problems.find((p) => p.path.startsWith(key))!.message).toContain(label);
  });
});

describe('valueMeanings (SPEC §1.6) in the form', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const form = require('../../src/taskpane/settingsForm') as typeof import('../../src/taskpane/settingsForm');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultConfig } = require('../../src/engine/config') as typeof import('../../src/engine/config');
  test('“列名|取值=含义” lines become the nested map and come back as the same lines', () => {
    const draft = form.draftFromConfig(defaultConfig());
    draft.valueMeanings = '学籍异动|待 定=否\n考试性质｜期中＝正考';
    const r = form.configFromDraft(draft);
    if (!('config' in r)) throw new Error(JSON.stringify(r.problems));
    expect(r.config.valueMeanings).toEqual({ 学籍异动: { 待定: '否' }, 考试性质: { 期中: '正考' } });
    expect(form.draftFromConfig(r.config).valueMeanings).toBe('学籍异动|待定=否\n考试性质|期中=正考');
  });
  test('a line without “|” or “=” is refused with the field named', () => {
    const draft = form.draftFromConfig(defaultConfig());
    draft.valueMeanings = '学籍异动=否';
    const r = form.configFromDraft(draft);
    expect('problems' in r && r.problems[0]?.message).toContain('无法识别的取值的含义');
  });
});
