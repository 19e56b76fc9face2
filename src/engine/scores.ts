/**
 * SPEC §2.2: the score of one attempt, from the raw grade cell.
 * Numbers become integer hundredths by parsing their decimal text (never by multiplying floats).
 */
import type { Config } from './config';
import type { ScoreValue } from './model';

export type ScoreFailureCode = 'EMPTY_SCORE' | 'BAD_SCORE' | 'SCORE_OUT_OF_RANGE';
export type ParsedScore = { ok: true; value: ScoreValue } | { ok: false; code: ScoreFailureCode; reason: string };

/** Marks that mean 0 and failed. */
export const zeroMarks: readonly string[] = ['缺考', '旷考', '作弊', '违纪', '取消资格'];
export const pendingMarks: readonly string[] = ['缓考'];
export const exemptMarks: readonly string[] = ['免修', '免考'];

/** Full-width → half-width (NFKC), no white space at all. */
export function normaliseText(s: string): string {
  // Fast path (course names and codes of every grade row): CJK unified ideographs, ASCII letters, digits
  // and - _ . are unchanged by NFKC and hold no white space.
  if (alreadyNormal.test(s)) return s;
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

const alreadyNormal = /^[\u4e00-\u9fffA-Za-z0-9_.-]*$/u;

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Decimal text → integer hundredths, or null when it is not a plain decimal or has more than two
 * significant decimals ("85.10" is fine, "85.125" is not).
 */
export function decimalTextToHundredths(text: string): { hundredths: number } | { tooPrecise: true } | null {
  const m = decimalPattern.exec(text);
  if (!m) return null;
  const [, sign, intPart, fracRaw = ''] = m;
  if (intPart === '' && fracRaw === '') return null;
  const frac = fracRaw.replace(/0+$/u, '');
  if (frac.length > 2) return { tooPrecise: true };
  const h = Number(intPart || '0') * 100 + Number(frac.padEnd(2, '0'));
  return { hundredths: sign === '-' ? -h : h };
}

/**
 * A JS number (an Excel cell or a setting) → integer hundredths. Uses its shortest decimal text; a
 * formula result such as 85.10000000000001 (binary noise within 1e-6 of a hundredth) is accepted as 85.1.
 */
export function numberToHundredths(n: number): { hundredths: number } | { tooPrecise: true } | null {
  if (!Number.isFinite(n)) return null;
  // Fast path, same result as the decimal text: when n is exactly the double nearest to h/100 and
  // |n| ≤ 1e6 (doubles there are far closer together than 0.01), String(n) is h/100's decimal text.
  if (n >= -1e6 && n <= 1e6) {
    const h = Math.round(n * 100) + 0; // + 0: never -0
    if (h / 100 === n) return { hundredths: h };
  }
  const parsed = decimalTextToHundredths(String(n));
  if (parsed && 'hundredths' in parsed) return parsed;
  const scaled = n * 100;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) < 1e-6) return { hundredths: nearest };
  return { tooPrecise: true };
}

/** A setting (passMark, 五级制 value…) in hundredths; settings are validated to 0–100. */
export function settingHundredths(n: number): number {
  const r = numberToHundredths(n);
  if (r && 'hundredths' in r) return r.hundredths;
  throw new RangeError(`设置中的分数 ${n} 最多保留两位小数`);
}

/**
 * The result for each plain score 0…10000 hundredths, shared (and frozen): a school's ~1 M grade rows
 * hold only a few thousand distinct scores, and one object per row was a large part of the parse's garbage.
 */
const plainScores: (ParsedScore | undefined)[] = [];

function fromHundredths(h: number, shown: string): ParsedScore {
  if (h < 0 || h > 10000) {
    return { ok: false, code: 'SCORE_OUT_OF_RANGE', reason: `成绩“${shown}”超出 0–100 的范围，请改为 0 到 100 之间的分数` };
  }
  if (Object.is(h, -0)) return { ok: true, value: { kind: 'score', hundredths: h } }; // "-0" as written: not shared
  let r = plainScores[h];
  if (r === undefined) {
    r = Object.freeze({ ok: true, value: Object.freeze({ kind: 'score', hundredths: h }) }) as ParsedScore;
    plainScores[h] = r;
  }
  return r;
}

/** The shared (frozen) value of a plain score of h hundredths, 0 ≤ h ≤ 10000. */
export function plainScoreValue(h: number): ScoreValue {
  const known = plainScores[h];
  if (known !== undefined && known.ok) return known.value;
  const r = fromHundredths(h, String(h / 100));
  if (!r.ok) throw new RangeError(`score ${h} out of range`);
  return r.value;
}

function tooPrecise(shown: string): ParsedScore {
  return { ok: false, code: 'BAD_SCORE', reason: `成绩“${shown}”的小数超过两位，请保留最多两位小数` };
}

/**
 * 五级制 written with one character (正方, 青果 exports): 优/良/中/及/差 are the fiveLevel setting's
 * 优秀/良好/中等/及格/不及格 (SPEC §2.2), so a school that changes those values changes these too.
 */
export const fiveLevelShort: Readonly<Record<string, string>> = Object.freeze({ 优: '优秀', 良: '良好', 中: '中等', 及: '及格', 差: '不及格' });

function lookup(table: Record<string, number>, text: string): number | undefined {
  for (const [k, v] of Object.entries(table)) {
    if (normaliseText(k) === text) return v;
  }
  return undefined;
}

/** Parses one grade cell per SPEC §2.2. `reason` is Chinese and says what to write instead. */
export function parseScore(value: string | number | boolean | null | undefined, config: Config): ParsedScore {
  if (value === null || value === undefined) return { ok: false, code: 'EMPTY_SCORE', reason: '成绩为空，请填写分数或成绩标记（如 缺考、缓考、免修）' };
  if (typeof value === 'boolean') {
    return { ok: false, code: 'BAD_SCORE', reason: `成绩“${value ? 'TRUE' : 'FALSE'}”不是分数，请填写 0–100 的分数、五级制/二级制等级或成绩标记` };
  }
  if (typeof value === 'number') {
    // Fast path (most grade cells): a whole number of hundredths within 0–100, as numberToHundredths reads it.
    const h = Math.round(value * 100);
    if (h >= 0 && h <= 10000 && h / 100 === value && !Object.is(value, -0)) {
      const known = plainScores[h];
      if (known !== undefined) return known;
    }
    const r = numberToHundredths(value);
    if (r === null) return { ok: false, code: 'BAD_SCORE', reason: `成绩“${String(value)}”不是有效数字，请填写 0–100 的分数` };
    if ('tooPrecise' in r) return tooPrecise(String(value));
    return fromHundredths(r.hundredths, String(value));
  }
  const original = value;
  const text = normaliseText(value);
  if (text === '') return { ok: false, code: 'EMPTY_SCORE', reason: '成绩为空，请填写分数或成绩标记（如 缺考、缓考、免修）' };

  const numberText = text.replace(/分$/u, '');
  const num = decimalTextToHundredths(numberText);
  if (num) {
    if ('tooPrecise' in num) return tooPrecise(original.trim());
    return fromHundredths(num.hundredths, original.trim());
  }
  const five = lookup(config.fiveLevel, text) ?? (fiveLevelShort[text] === undefined ? undefined : lookup(config.fiveLevel, fiveLevelShort[text]));
  if (five !== undefined) return { ok: true, value: { kind: 'score', hundredths: settingHundredths(five), text: original.trim() } };
  const two = lookup(config.twoLevel, text);
  if (two !== undefined) return { ok: true, value: { kind: 'score', hundredths: settingHundredths(two), text: original.trim() } };
  if (zeroMarks.includes(text)) return { ok: true, value: { kind: 'score', hundredths: 0, mark: text, text: original.trim() } };
  if (pendingMarks.includes(text)) return { ok: true, value: { kind: 'pending', text: original.trim() } };
  if (exemptMarks.includes(text)) return { ok: true, value: { kind: 'exempt', text: original.trim() } };
  const levels = [...Object.keys(config.fiveLevel), ...Object.keys(config.twoLevel)].join('、');
  return {
    ok: false,
    code: 'BAD_SCORE',
    reason: `无法识别成绩“${original.trim()}”，请填写 0–100 的分数、等级（${levels}）或标记（${[...zeroMarks, ...pendingMarks, ...exemptMarks].join('、')}）`,
  };
}
