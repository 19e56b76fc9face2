/**
 * Settings that leave the 细则 (issue 18 point 3): allowed — a school may have a reason, and the 细则
 * changes by year — but said plainly beside the field, never silently accepted. Pure.
 */
import type { Config, ConfigProblem } from '../engine/config';

const DEFAULT_TERMS = [1, 2, 3, 4, 5];

/** One warning per setting that differs from what the 细则 says, by the field's key (`path`). */
export function settingWarnings(c: Config): ConfigProblem[] {
  const w: ConfigProblem[] = [];
  const add = (path: keyof Config, message: string) => w.push({ path, message });
  if (c.quotaPercent > 30) add('quotaPercent', `推荐比例 ${c.quotaPercent}% 超过细则三（一）2“不超过30%”的规定，请确认已获批准。`);
  if (c.rankPercent > 60) add('rankPercent', `成绩排名比例线 ${c.rankPercent}% 宽于细则规定的“排名前60%”，请确认已获批准。`);
  if (c.rankPercent < 60) add('rankPercent', `成绩排名比例线 ${c.rankPercent}% 严于细则规定的“排名前60%”。`);
  if (c.attemptPolicy !== 'cap60') add('attemptPolicy', '细则规定补考或重修及格的课程按 60 分计，当前设置与细则不同。');
  if (c.passMark !== 60) add('passMark', `及格线 ${c.passMark} 分与通常的 60 分不同。`);
  if (c.countedTerms.join(',') !== DEFAULT_TERMS.join(',')) add('countedTerms', `细则按第1—5学期的课程计算平均分，当前为第 ${c.countedTerms.join('、')} 学期。`);
  if (c.veteranUsesQuota) add('veteranUsesQuota', '细则三（二）中退役大学生士兵（学校选拔）不占本专业推荐指标，当前设置为占指标。');
  return w;
}

/** "30%" / "３０％" / "30 分" → "30": the unit a number field shows after the box, typed by the user too. */
export function stripUnit(text: string, unit: string | undefined): string {
  const t = text.trim();
  if (unit === '%') return t.replace(/\s*[%％]$/u, '');
  if (unit && t.endsWith(unit)) return t.slice(0, -unit.length).trim();
  return t;
}
