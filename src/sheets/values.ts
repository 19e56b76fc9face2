/**
 * Cell value readers (SPEC §1): each turns one cell as a host gives it (number, text, Date, Excel serial,
 * boolean, error value) into a domain value, or a Chinese reason saying what was found and what to write.
 * Pure functions: the parsers add the location.
 */
import type { AttemptKind, Registration, TrainingType, VeteranRoute, Wish } from '../engine/model';
import { isCellError, type CellValue } from './table';
import { chineseOrArabic, normaliseHeader, toHalfWidth } from './headers';
import { isEmptyMark, trainingTypeWord } from './rosterVocabulary';

/** `outOfRange`: an academic term outside the student's cohort years (e.g. taken before 复学). */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string; outOfRange?: true };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** Full-width → half-width, trimmed (inner spaces kept). */
export function halfWidth(s: string): string {
  return toHalfWidth(s).trim();
}

/** A short text of what a cell holds, for messages. */
export function shown(v: CellValue, text?: string): string {
  if (text !== undefined && text !== '') return text;
  if (v === null) return '（空）';
  if (v instanceof Date) return isoDateOf(v);
  if (isCellError(v)) return v.error;
  return String(v);
}

/** True when a cell holds nothing (null or only white space). */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** yyyy-mm-dd of a Date from its UTC fields (hosts give date cells as UTC midnight). */
export function isoDateOf(d: Date): string {
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

/** Excel serial date (1900 system, with its fictitious 1900-02-29) → yyyy-mm-dd. */
export function serialToIso(serial: number): string {
  const days = Math.floor(serial);
  // Serial 60 is 1900-02-29, which does not exist; serials ≥ 61 are offset by Excel's leap-year bug.
  const base = Date.UTC(1899, 11, 31);
  const offset = days >= 61 ? days - 1 : days;
  return isoDateOf(new Date(base + offset * 86400000));
}

/**
 * Plain text of a cell, trimmed; numbers as their integer text when whole (学号, 考生号), the host's
 * display text when it has one (keeps leading zeros from a "000000" format). Error values are not text.
 */
export function textOf(v: CellValue, display?: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') {
    const d = display?.trim();
    if (d && d !== '' && !/[eE]\+/u.test(d) && d.replace(/^0+/u, '') === String(v).replace(/^0+/u, '')) return d;
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDateOf(v);
  return '';
}

/** 学号-like identifiers: text kept as is; a number → its integer text (display text when given). */
const plainId = /^[0-9A-Za-z_-]+$/u;

export function readId(v: CellValue, display?: string): Read<string> {
  // Fast path: text that trimming, half-width conversion and removing white space would leave as is.
  if (typeof v === 'string' && plainId.test(v)) return ok(v);
  if (typeof v === 'number' && !Number.isInteger(v)) {
    return fail(`“${shown(v, display)}”不是有效的编号，请填写文本格式的编号（可先将该列设为“文本”格式）`);
  }
  if (v instanceof Date) return fail(`“${shown(v)}”是日期，不是编号；请将该列设为“文本”格式后重新填写`);
  const t = halfWidth(textOf(v, display)).replace(/\s+/gu, '');
  if (t === '') return fail('为空，请填写');
  return ok(t);
}

const trueWords = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true', '有', 't', '对']);
const falseWords = new Set(['否', 'n', 'no', '×', '✗', '✘', 'x', '0', 'false', '无', 'f', '不是', '没有']);

/** 是/否, Y/N, √/×, 1/0, TRUE/FALSE, 有/无 (SPEC §1.1). Blank → the default. */
export function readBool(v: CellValue, fallback: boolean, display?: string): Read<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (isBlank(v)) return ok(fallback);
  const t = normaliseHeader(textOf(v, display));
  if (isEmptyMark(t)) return ok(fallback);
  if (trueWords.has(t)) return ok(true);
  if (falseWords.has(t)) return ok(false);
  return fail(`“${shown(v, display)}”无法识别为是/否，请填写“是”或“否”`);
}

/** True when a text is one of the false words (否, 无, N, 0…). */
export function isFalseWord(v: CellValue): boolean {
  if (v === false) return true;
  return falseWords.has(normaliseHeader(textOf(v)));
}

/** 年级: 2021, "2021", "2021级", "2021届"? no: 届 is a graduation year and is refused. */
export function readCohort(v: CellValue, display?: string): Read<number> {
  if (v instanceof Date) return ok(v.getUTCFullYear());
  const t = normaliseHeader(textOf(v, display));
  if (t === '') return fail('为空，请填写入学年级，如 2021');
  const m = /^((?:19|20)\d\d)(?:级|年级|年)?$/u.exec(t);
  if (m) return ok(Number(m[1]));
  if (/届$/u.test(t)) return fail(`“${shown(v, display)}”是毕业届别，请填写入学年级（如 2024届 → 2021级）`);
  return fail(`“${shown(v, display)}”不是有效的年级，请填写四位年份，如 2021 或 2021级`);
}

/**
 * The half of an academic year a 学期 text names: 1/一/秋/上 (第一学期, 秋季学期, 上学期) → 1,
 * 2/二/春/下 → 2; null for anything else.
 */
function halfOfYear(t: string): 1 | 2 | null {
  const m = /^(?:第)?([12一二]|秋|春|上|下)(?:季)?(?:学期)?$/u.exec(t);
  if (!m) return null;
  return m[1] === '1' || m[1] === '一' || m[1] === '秋' || m[1] === '上' ? 1 : 2;
}

/** The programme term of half `half` of the academic year starting in `start`, checked against 1–12. */
function termOfAcademicYear(start: number, half: 1 | 2, cohort: number | null, shownText: string): Read<number | null> {
  if (cohort === null) return fail(`“${shownText}”是学年学期，但不知道学生的年级，无法换算为第几学期`);
  const index = (start - cohort) * 2 + half;
  if (index < 1 || index > 12) {
    return { ok: false, outOfRange: true, reason: `“${shownText}”换算为第${index}学期（入学年级 ${cohort}），不在 1–12 之间，请核对学期或年级` };
  }
  return ok(index);
}

/**
 * A combined academic term: 2022-2023-1, 2022-2023学年第一学期, 2022-2023学年秋季学期, 2022-2023-第1学期,
 * 2022秋 / 2023春 (秋 opens the academic year, 春 closes the one before). null when the text is not one.
 */
function academicTerm(t: string, cohort: number | null, shownText: string): Read<number | null> | null {
  const range = /^((?:19|20)\d\d)-((?:19|20)\d\d)(?:学年度?)?-?(.+)$/u.exec(t);
  if (range) {
    const start = Number(range[1]);
    const half = halfOfYear(range[3] ?? '');
    if (half === null) return null;
    if (Number(range[2]) !== start + 1) return fail(`“${shownText}”的学年不连续，请填写如 2022-2023-1`);
    return termOfAcademicYear(start, half, cohort, shownText);
  }
  const season = /^((?:19|20)\d\d)年?(秋|春)季?(?:学期)?$/u.exec(t);
  if (season) {
    const year = Number(season[1]);
    return season[2] === '秋' ? termOfAcademicYear(year, 1, cohort, shownText) : termOfAcademicYear(year - 1, 2, cohort, shownText);
  }
  return null;
}

/** 学期 text normalised for the term readers: no white space, half-width, one kind of dash. */
function termText(v: CellValue, display?: string): string {
  return normaliseHeader(textOf(v, display)).replace(/[—–－~至_]/gu, '-');
}

/**
 * 学期: 3, "3", "第3学期", "第三学期", or an academic term (2022-2023-1, 2022-2023学年第一学期,
 * 2022-2023学年秋季学期, 2022-2023-第1学期, 2022秋), whose index is (2022 − cohort)·2 + 1. Blank → null.
 */
export function readTerm(v: CellValue, cohort: number | null, display?: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 12) return ok(v);
    return fail(`“${shown(v, display)}”不是有效的学期，请填写 1–6 或 2022-2023-1 这样的学年学期`);
  }
  const t = termText(v, display);
  const simple = /^(?:第)?([0-9]+|[一二三四五六七八九十]+)(?:学期)?$/u.exec(t);
  if (simple) {
    const n = chineseOrArabic(simple[1] ?? '');
    if (n !== null && n >= 1 && n <= 12) return ok(n);
  }
  const academic = academicTerm(t, cohort, shown(v, display));
  if (academic) return academic;
  if (halfOfYear(t) !== null) {
    return fail(`“${shown(v, display)}”是某一学年的第几学期，但没有“学年”列，无法换算为第几学期。请添加“学年”列（如 2022-2023），或填写 2022-2023-1 这样的学年学期`);
  }
  return fail(`“${shown(v, display)}”不是有效的学期，请填写 1–6、第3学期 或 2022-2023-1`);
}

/** 学年: "2022-2023", "2022-2023学年", "2022—2023" → 2022 (its first year). Blank → null. */
export function readAcademicYear(v: CellValue, display?: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  const t = termText(v, display);
  const m = /^((?:19|20)\d\d)-((?:19|20)\d\d)(?:学年度?)?$/u.exec(t);
  if (m && Number(m[2]) === Number(m[1]) + 1) return ok(Number(m[1]));
  return fail(`“${shown(v, display)}”不是有效的学年，请填写如 2022-2023`);
}

/**
 * 学期 read with a 学年 column (正方: 学年 2022-2023, 学期 1/2/第一学期/秋/春): the term **of that academic
 * year**, never of the programme (SPEC §1.2). A 学期 cell that names its own year (2022-2023-1) is read as
 * such. Blank 学期 → null; a 学期 of 1/2 with a blank or unreadable 学年 is a failure.
 */
export function readTermOfYear(
  year: CellValue,
  term: CellValue,
  cohort: number | null,
  yearDisplay?: string,
  termDisplay?: string,
): Read<number | null> {
  if (isBlank(term)) return ok(null);
  const t = typeof term === 'number' ? String(term) : termText(term, termDisplay);
  const own = academicTerm(t, cohort, shown(term, termDisplay));
  if (own) return own;
  const half = halfOfYear(t);
  if (half === null) {
    return fail(`“${shown(term, termDisplay)}”不是有效的学期：有“学年”列时学期应为 1、2、第一学期、第二学期、秋 或 春（小学期等请并入所在学期）`);
  }
  const y = readAcademicYear(year, yearDisplay);
  if (!y.ok) return fail(`对应的学年${y.reason}`);
  if (y.value === null) return fail(`“${shown(term, termDisplay)}”是某一学年的学期，但该行“学年”为空，请填写学年（如 2022-2023）`);
  return termOfAcademicYear(y.value, half, cohort, `${shown(year, yearDisplay)} 第${half}学期`);
}

/** 成绩日期: a Date cell (UTC fields), an Excel serial, or text 2024-03-18 / 2024/3/18 / 2024年3月18日. */
export function readDate(v: CellValue, display?: string): Read<string | null> {
  if (isBlank(v)) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('日期无效，请填写如 2024-03-18');
    return ok(isoDateOf(v));
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return readDate(String(v));
    if (v >= 1 && v < 2958466) return ok(serialToIso(v));
    return fail(`“${shown(v, display)}”不是有效的日期，请填写如 2024-03-18`);
  }
  const t = halfWidth(textOf(v, display));
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/u.exec(t) ??
    /^((?:19|20|21)\d\d)(\d\d)(\d\d)$/u.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return ok(isoDateOf(date));
  }
  // A serial number typed as text ("45369"); an impossible yyyymmdd is not retried as a serial.
  if (/^\d{1,7}(\.\d+)?$/u.test(t)) return readDate(Number(t));
  return fail(`“${shown(v, display)}”不是有效的日期，请填写如 2024-03-18`);
}

const registeredWords = new Set(['报名', '已报名', '是', '报名成功', '已报', 'y', '√', '1']);
const waivedWords = new Set(['放弃', '已放弃', '自愿放弃', '放弃报名']);
const unregisteredWords = new Set(['', '未报名', '否', '没报名', '不报名', 'n', '×', '0', '无']);
const recommendWords = new Set(['推荐', '同意推荐', '是']);
const rejectWords = new Set(['不推荐', '不同意推荐', '否']);

/**
 * What a 考试性质 / 成绩性质 / 修读性质 / 重修重考 / 取得方式 value means (SPEC §1.2): the attempt's kind, and
 * for 旷考/缺考 the 缺考 mark (0, failed), for 免修 the course is exempt — whatever the score cell holds.
 */
export interface AttemptNature {
  kind: AttemptKind;
  mark?: 'absent' | 'exempt';
}

const natures: Record<string, AttemptNature> = {};
for (const w of ['', '正考', '正常', '正常考试', '初考', '首考', '期末', '期末考试', '初修', '首修']) natures[w] = { kind: 'regular' };
for (const w of ['补考', '重考', '补考一', '补考二', '补考三', '第一次补考', '第二次补考']) natures[w] = { kind: 'makeup' };
for (const w of ['重修', '重修补考', '重修重考', '重修一', '重修二', '第一次重修', '第二次重修']) natures[w] = { kind: 'retake' };
natures['缓考'] = { kind: 'deferred' };
for (const w of ['旷考', '缺考']) natures[w] = { kind: 'regular', mark: 'absent' };
for (const w of ['免修', '免考']) natures[w] = { kind: 'regular', mark: 'exempt' };
Object.freeze(natures);

/** The words of the 考试性质 vocabulary, for messages. */
export const attemptNatureWords = '正考、正常考试、初修、补考、补考一、补考二、重考、重修、重修补考、重修重考、缓考、旷考、免修';

/** 考试性质 and its synonyms' vocabulary; null for a value outside it (the caller reports it, reads 正考). */
export function readAttemptNature(v: CellValue, display?: string): AttemptNature | null {
  const t = normaliseHeader(textOf(v, display));
  const known = natures[t];
  if (known) return known;
  if (/^补考\(?[0-9]\)?$/u.test(t) || /^第[0-9]次补考$/u.test(t)) return natures['补考'] ?? null;
  if (/^重修\(?[0-9]\)?$/u.test(t) || /^第[0-9]次重修$/u.test(t)) return natures['重修'] ?? null;
  return null;
}

/** 考试性质: 正考 (default) / 补考 / 重修 / 缓考. Unknown → null (the caller warns and uses 正考). */
export function readAttemptKind(v: CellValue, display?: string): AttemptKind | null {
  return readAttemptNature(v, display)?.kind ?? null;
}

const voidedYes = new Set(['是', '作废', '已作废', 'y', 'yes', '1', '√', 'true']);
const voidedNo = new Set(['', '否', '不作废', '未作废', '正常', '有效', 'n', 'no', '0', '×', 'false']);

/**
 * 是否成绩作废 (正方) → true (是: the row is ignored) / false; null for a value outside the vocabulary.
 * 是否有效 (金智) is its opposite: pass `inverted`.
 */
export function readVoided(v: CellValue, display?: string, inverted = false): boolean | null {
  if (typeof v === 'boolean') return inverted ? !v : v;
  const t = normaliseHeader(textOf(v, display));
  if (inverted) {
    if (t === '' || t === '是' || t === '有效' || t === 'y' || t === '1' || t === '√' || t === 'true') return false;
    if (t === '否' || t === '无效' || t === 'n' || t === '0' || t === '×' || t === 'false') return true;
    return null;
  }
  if (voidedYes.has(t)) return true;
  if (voidedNo.has(t)) return false;
  return null;
}

/** 报名状态 (SPEC §1.1): whole values; blank, `-`, `/`, `—` ⇒ 未报名. */
export function readRegistration(v: CellValue, display?: string): Read<Registration> {
  if (v === true) return ok('registered');
  if (v === false) return ok('none');
  const t = normaliseHeader(textOf(v, display));
  if (isEmptyMark(t)) return ok('none');
  if (registeredWords.has(t)) return ok('registered');
  if (waivedWords.has(t)) return ok('waived');
  if (unregisteredWords.has(t)) return ok('none');
  return fail(`“${shown(v, display)}”无法识别，请填写“已报名”“放弃”或“未报名”`);
}

/**
 * 培养类型 (SPEC §1.1): whole-value match (never a substring: 非定向 is 普通). A value outside the vocabulary
 * is 普通 here; the roster parser reports it (readTrainingTypeWord gives undefined for it).
 */
export function readTrainingType(v: CellValue, display?: string): TrainingType {
  return trainingTypeWord(textOf(v, display)) ?? 'normal';
}

const schoolRouteWords = new Set(['学校选拔', '直接选拔', '选拔', '学校推荐', '学校选拔推荐', '校内选拔']);
const examRouteWords = new Set(['综合考查', '综合考察', '考查', '综合考查录取', '参加综合考查']);

/** 升本方式 for 退役士兵 (SPEC §1.1): 学校选拔 (default, also blank/-) or 综合考查; whole values only. */
export function readVeteranRoute(v: CellValue, display?: string): Read<VeteranRoute> {
  const t = normaliseHeader(textOf(v, display));
  if (isEmptyMark(t) || schoolRouteWords.has(t)) return ok('school');
  if (examRouteWords.has(t)) return ok('exam');
  return fail(`“${shown(v, display)}”无法识别，请填写“学校选拔”或“综合考查”`);
}

/** 裁定结果: 推荐 / 不推荐 / blank. */
export function readRuling(v: CellValue, display?: string): Read<'recommend' | 'reject' | null> {
  const t = normaliseHeader(textOf(v, display));
  if (isEmptyMark(t)) return ok(null);
  if (recommendWords.has(t)) return ok('recommend');
  if (rejectWords.has(t)) return ok('reject');
  return fail(`“${shown(v, display)}”无法识别，请填写“推荐”或“不推荐”`);
}

/** 志愿: 本科院校/本科专业 (also - － — · as separator). Blank → null. */
export function readWish(v: CellValue, display?: string): Read<Wish | null> {
  const t = halfWidth(textOf(v, display));
  if (t === '') return ok(null);
  const m = /^(.+?)\s*[/\\\-－—–·・]+\s*(.+)$/u.exec(t);
  if (!m || !m[1]?.trim() || !m[2]?.trim()) {
    return fail(`“${t}”缺少分隔符，请按“本科院校/本科专业”填写，如 广西科技大学/机械设计制造及其自动化`);
  }
  return ok({ university: m[1].trim(), program: m[2].trim() });
}

/** A non-negative integer (计划数, 团队排名). Blank → null. */
export function readCount(v: CellValue, display?: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  const t = typeof v === 'number' ? String(v) : normaliseHeader(textOf(v, display)).replace(/[人名个]$/u, '').replace(/^第/u, '');
  if (/^\d+$/u.test(t)) return ok(Number(t));
  return fail(`“${shown(v, display)}”不是非负整数，请填写如 3`);
}

/** 获奖年份: 2023, "2023年", a Date. Blank → null. */
export function readYear(v: CellValue, display?: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  if (v instanceof Date) return ok(v.getUTCFullYear());
  const t = normaliseHeader(textOf(v, display));
  const m = /^((?:19|20)\d\d)(?:年.*|[-/.].*)?$/u.exec(t);
  if (m) return ok(Number(m[1]));
  return fail(`“${shown(v, display)}”不是有效的年份，请填写如 2023`);
}

/** isDateFormat's answers by format text (a sheet has a handful of formats, read for every cell). */
const dateFormats = new Map<string, boolean>();

/**
 * True for an Excel number format that shows a date or time ("yyyy-mm-dd", "m/d/yy", "yyyy\"年\"m\"月\"d\"日\"",
 * "[$-804]aaaa" — the Chinese weekday of a date): y, m, d, h, s or aaa outside quoted text, brackets and
 * escapes. "General", "0.00", "@" are not.
 */
export function isDateFormat(fmt: string | undefined | null): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  let known = dateFormats.get(fmt);
  if (known === undefined) {
    known = formatShowsDate(fmt);
    if (dateFormats.size < 10_000) dateFormats.set(fmt, known);
  }
  return known;
}

function formatShowsDate(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"/gu, '').replace(/\\./gu, '').replace(/\[[^\]]*\]/gu, '');
  if (/^general$/iu.test(bare.trim())) return false;
  return /[ymdhs]|aaa/iu.test(bare);
}
