import { defaultConfig } from '../../src/engine/config';
import { settingWarnings, stripUnit } from '../../src/taskpane/settingsAdvice';
import { configFromDraft, draftFromConfig } from '../../src/taskpane/settingsForm';

describe('settings against the 细则 (issue 18 point 3)', () => {
  it('the defaults are the 细则: no warning', () => {
    expect(settingWarnings(defaultConfig())).toEqual([]);
  });

  it('35 % 推荐比例 is accepted with a warning, not refused', () => {
    const draft = { ...draftFromConfig(defaultConfig()), quotaPercent: '35' };
    const r = configFromDraft(draft);
    expect('config' in r).toBe(true);
    if (!('config' in r)) return;
    expect(r.config.quotaPercent).toBe(35);
    expect(settingWarnings(r.config)).toEqual([{ path: 'quotaPercent', message: '推荐比例 35% 超过细则三（一）2“不超过30%”的规定，请确认已获批准。' }]);
  });

  it('every departure is named once by its field', () => {
    const c = { ...defaultConfig(), rankPercent: 70, attemptPolicy: 'best' as const, passMark: 50, countedTerms: [1, 2, 3, 4], veteranUsesQuota: true };
    expect(settingWarnings(c).map((w) => w.path)).toEqual(['rankPercent', 'attemptPolicy', 'passMark', 'countedTerms', 'veteranUsesQuota']);
  });

  it.each([['30%'], ['３０'], ['30％'], ['３０％'], [' 30 % ']])('“%s” in a percent field is 30', (text) => {
    const r = configFromDraft({ ...draftFromConfig(defaultConfig()), quotaPercent: text });
    expect('config' in r && r.config.quotaPercent).toBe(30);
  });

  it('a unit alone or a wrong unit is still refused', () => {
    expect('problems' in configFromDraft({ ...draftFromConfig(defaultConfig()), quotaPercent: '%' })).toBe(true);
    expect('problems' in configFromDraft({ ...draftFromConfig(defaultConfig()), quotaPercent: '30分' })).toBe(true);
    expect(stripUnit('60 分', '分')).toBe('60');
  });
});
