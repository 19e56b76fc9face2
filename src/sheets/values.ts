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
 * 学期: 3, "3", "第3学期", "第三学期", or an academic term "2022-2023-1" / "2022-2023学年第1学期",
 * whose index is (2022 − cohort)·2 + 1. Blank → null.
 */
export function readTerm(v: CellValue, cohort: number | null, display?: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 12) return ok(v);
    return fail(`“${shown(v, display)}”不是有效的学期，请填写 1–6 或 2022-2023-1 这样的学年学期`);
  }
  const t = normaliseHeader(textOf(v, display));
  const simple = /^(?:第)?([0-9]+|[一二三四五六七八九十]+)(?:学期)?$/u.exec(t);
  if (simple) {
    const n = chineseOrArabic(simple[1] ?? '');
    if (n !== null && n >= 1 && n <= 12) return ok(n);
  }
  const academic = /^((?:19|20)\d\d)-((?:19|20)\d\d)(?:学年)?(?:-|第)?([12一二])(?:学期)?$/u.exec(t.replace(/[—–－~至]/gu, '-'));
  if (academic) {
    const start = Number(academic[1]);
    const end = Number(academic[2]);
    const half = chineseOrArabic(academic[3] ?? '') ?? 0;
    if (end !== start + 1) return fail(`“${shown(v, display)}”的学年不连续，请填写如 2022-2023-1`);
    if (cohort === null) return fail(`“${shown(v, display)}”是学年学期，但不知道学生的年级，无法换算为第几学期`);
    const index = (start - cohort) * 2 + half;
    if (index < 1 || index > 12) {
      return { ok: false, outOfRange: true, reason: `“${shown(v, display)}”换算为第${index}学期（入学年级 ${cohort}），不在 1–12 之间，请核对学期或年级` };
    }
    return ok(index);
  }
  return fail(`“${shown(v, display)}”不是有效的学期，请填写 1–6、第3学期 或 2022-2023-1`);
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

const regularWords = new Set(['正考', '正常', '正常考试', '初考', '首考', '期末', '期末考试']);
const registeredWords = new Set(['报名', '已报名', '是', '报名成功', '已报', 'y', '√', '1']);
const waivedWords = new Set(['放弃', '已放弃', '自愿放弃', '放弃报名']);
const unregisteredWords = new Set(['', '未报名', '否', '没报名', '不报名', 'n', '×', '0', '无']);
const recommendWords = new Set(['推荐', '同意推荐', '是']);
const rejectWords = new Set(['不推荐', '不同意推荐', '否']);

/** 考试性质: 正考 (default) / 补考 / 重修 / 缓考. Unknown → null (the caller warns and uses 正考). */
export function readAttemptKind(v: CellValue, display?: string): AttemptKind | null {
  const t = normaliseHeader(textOf(v, display));
  if (t === '' || regularWords.has(t)) return 'regular';
  if (t.includes('补考')) return 'makeup';
  if (t.includes('重修') || t.includes('重考')) return 'retake';
  if (t.includes('缓考')) return 'deferred';
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

/**
 * True for an Excel number format that shows a date or time ("yyyy-mm-dd", "m/d/yy", "yyyy\"年\"m\"月\"d\"日\"",
 * "[$-804]aaaa"): y, m, d, h or s outside quoted text, brackets and escapes. "General", "0.00", "@" are not.
 */
/** isDateFormat's answers by format text (a sheet has a handful of formats, read for every cell). */
const dateFormats = new Map<string, boolean>();

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
  return /[ymdhs]/iu.test(bare);
}
