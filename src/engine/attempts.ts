/**
 * SPEC §2.3: the effective score of one course for one student, from all its attempts.
 */
import type { Config } from './config';
import { issueAt, describeLocation, type Issue } from './issues';
import { attemptSetOf, type AttemptSet, type AttemptTable } from './attemptTable';
import type { Attempt } from './model';
import { settingHundredths } from './scores';

export type EffectiveScore =
  /** A score: `source` first = from a first sitting (正考/缓考), later = from 补考/重修. `row`: the attempt used. */
  | { kind: 'score'; hundredths: number; source: 'first' | 'later'; passed: boolean; mark?: string; row: number }
  | { kind: 'exempt'; row: number }
  /** 缓考 without a score yet (and nothing else scored). */
  | { kind: 'pending'; row: number }
  /** No attempt that counts (none at all, or all after the cutoff). */
  | { kind: 'none'; excludedByCutoff: number };

export interface EffectiveResult {
  effective: EffectiveScore;
  issues: Issue[];
}

/** Does the cutoff date apply to this student (学籍异动, or everyone by setting)? */
export function cutoffApplies(statusChange: boolean, config: Config): boolean {
  return statusChange || config.cutoffAppliesToAll;
}

/** Attempts counted for the student: dated on or before the cutoff (inclusive), or undated. */
export function dateWithinCutoff(date: string | undefined, config: Config): boolean {
  // Compare the yyyy-mm-dd part only (a time of day, if any, does not move the day).
  return date === undefined || date.slice(0, 10) <= config.gradeCutoff;
}

/** config.passMark in hundredths (settingHundredths parses a decimal text: once per value, not per course). */
let passMarkOf = { mark: Number.NaN, hundredths: 0 };
export function passHundredths(config: Config): number {
  if (passMarkOf.mark !== config.passMark) passMarkOf = { mark: config.passMark, hundredths: settingHundredths(config.passMark) };
  return passMarkOf.hundredths;
}

/** The score of row i in hundredths, or −1 when it is not a score (免修, 缓考 without a score). */
function scoredHundredths(t: AttemptTable, i: number): number {
  const plain = t.plainHundredths(i);
  if (plain !== undefined) return plain;
  const s = t.score(i);
  return s.kind === 'score' ? s.hundredths : -1;
}

/** Stable order: date (undated first), then score, then sheet and row. */
function compareAttempts(t: AttemptTable, a: number, b: number): number {
  const da = t.date.at(a) ?? '';
  const db = t.date.at(b) ?? '';
  if (da !== db) return da < db ? -1 : 1;
  const ha = scoredHundredths(t, a);
  const hb = scoredHundredths(t, b);
  if (ha !== hb) return ha - hb;
  const sa = t.sheet(a);
  const sb = t.sheet(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return t.row[a] - t.row[b];
}

/**
 * An effective score packed into one number, so that the usual case — one attempt for a course, ~1 M
 * times at a large school — allocates nothing: bits 0–13 the value in hundredths, 14–15 the kind
 * (score, exempt, pending, none), 16 from a later attempt (补考/重修), 17 passed, 18 the value is the
 * attempt's mark (缺考…: read it from the attempt's score).
 */
export type PackedEffective = number;
const KIND_SHIFT = 14;
const PACKED_KINDS = ['score', 'exempt', 'pending', 'none'] as const;
const LATER = 1 << 16;
const PASSED = 1 << 17;
const MARKED = 1 << 18;

export function packedKind(p: PackedEffective): EffectiveScore['kind'] {
  return PACKED_KINDS[(p >>> KIND_SHIFT) & 3];
}
export function packedHundredths(p: PackedEffective): number {
  return p & ((1 << KIND_SHIFT) - 1);
}
export function packedLater(p: PackedEffective): boolean {
  return (p & LATER) !== 0;
}
export function packedPassed(p: PackedEffective): boolean {
  return (p & PASSED) !== 0;
}
export function packedMarked(p: PackedEffective): boolean {
  return (p & MARKED) !== 0;
}

/** Scores are 0–100 (the parser and the settings make sure): anything else would not fit the packing. */
function checkedHundredths(h: number): number {
  if (!(h >= 0 && h < 1 << KIND_SHIFT && Number.isInteger(h))) throw new RangeError(`内部错误：成绩 ${h / 100} 超出 0–100`);
  return h;
}

/** An effective score as a packed number (its row is kept by the caller). */
export function packEffective(e: EffectiveScore): PackedEffective {
  switch (e.kind) {
    case 'score':
      return checkedHundredths(e.hundredths) | (e.source === 'later' ? LATER : 0) | (e.passed ? PASSED : 0) | (e.mark !== undefined ? MARKED : 0);
    case 'exempt':
      return 1 << KIND_SHIFT;
    case 'pending':
      return 2 << KIND_SHIFT;
    case 'none':
      return 3 << KIND_SHIFT;
  }
}

/**
 * The rule below for the usual case of exactly one attempt (row i), without its intermediate lists
 * (this runs for every student × plan course). Gives the same result as the general rule.
 */
export function singleEffectivePacked(t: AttemptTable, i: number, statusChange: boolean, config: Config): PackedEffective {
  if (cutoffApplies(statusChange, config) && !dateWithinCutoff(t.date.at(i), config)) return 3 << KIND_SHIFT;
  const plain = t.plainHundredths(i);
  const s = plain === undefined ? t.score(i) : undefined;
  if (s !== undefined && s.kind === 'exempt') return 1 << KIND_SHIFT;
  if (s !== undefined && s.kind === 'pending') return 2 << KIND_SHIFT;
  const h = plain ?? (s as { hundredths: number }).hundredths;
  const pass = passHundredths(config);
  const passed = h >= pass;
  const first = t.isFirstSitting(i);
  // A lone first sitting is chosen with its own score under every policy; a lone 补考/重修 too, except
  // that cap60 caps a passing one at the pass mark.
  const value = !first && config.attemptPolicy === 'cap60' && passed ? pass : h;
  const mark = s !== undefined && s.kind === 'score' ? s.mark : undefined;
  return checkedHundredths(value) | (first ? 0 : LATER) | (passed ? PASSED : 0) | (mark && value === h ? MARKED : 0);
}

/** singleEffectiveScore as an object. */
export function singleEffectiveScore(t: AttemptTable, i: number, statusChange: boolean, config: Config): EffectiveScore {
  const p = singleEffectivePacked(t, i, statusChange, config);
  switch (packedKind(p)) {
    case 'none':
      return { kind: 'none', excludedByCutoff: 1 };
    case 'exempt':
      return { kind: 'exempt', row: i };
    case 'pending':
      return { kind: 'pending', row: i };
    case 'score': {
      const e: EffectiveScore = { kind: 'score', hundredths: packedHundredths(p), source: packedLater(p) ? 'later' : 'first', passed: packedPassed(p), row: i };
      if (packedMarked(p)) e.mark = (t.score(i) as { mark?: string }).mark;
      return e;
    }
  }
}

/**
 * Combines the attempts of one student for one course (objects, or rows of a table).
 * @param courseName for messages only.
 */
export function effectiveScore(
  attempts: readonly Attempt[] | AttemptSet,
  statusChange: boolean,
  config: Config,
  courseName: string,
): EffectiveResult {
  const { table: t, rows, from, to } = attemptSetOf(attempts);
  if (to - from === 1) return { effective: singleEffectiveScore(t, rows[from], statusChange, config), issues: [] };
  const applies = cutoffApplies(statusChange, config);
  const issues: Issue[] = [];
  // A course has a handful of attempts: an insertion sort, in place, on a copy of the rows.
  const sorted: number[] = [];
  for (let k = from; k < to; k++) sorted.push(rows[k]);
  for (let k = 1; k < sorted.length; k++) {
    const x = sorted[k];
    let j = k - 1;
    for (; j >= 0 && compareAttempts(t, sorted[j], x) > 0; j--) sorted[j + 1] = sorted[j];
    sorted[j + 1] = x;
  }
  // One pass in that order, without intermediate lists (this runs for every course with a 补考/重修):
  // valid = within the cutoff when it applies; scored = valid with a score; first = the last scored
  // first sitting; later = the scored 补考/重修, in order.
  let firstValid = -1;
  let firstPending = -1;
  let first = -1;
  let firstSittings = 0;
  let scored = 0;
  for (const i of sorted) {
    if (applies && !dateWithinCutoff(t.date.at(i), config)) continue;
    if (firstValid === -1) firstValid = i;
    const kind = t.plainHundredths(i) !== undefined ? 'score' : t.score(i).kind;
    // The first 免修 decides (an exemption outranks any score).
    if (kind === 'exempt') return { effective: { kind: 'exempt', row: i }, issues };
    if (kind === 'pending') {
      if (firstPending === -1) firstPending = i;
      continue;
    }
    scored++;
    if (t.isFirstSitting(i)) {
      first = i;
      firstSittings++;
    }
  }
  if (firstValid === -1) return { effective: { kind: 'none', excludedByCutoff: sorted.length }, issues };
  if (scored === 0) return { effective: { kind: 'pending', row: firstPending !== -1 ? firstPending : firstValid }, issues };

  // Two first sittings of one course: keep the later-dated one (then the higher), warn.
  if (firstSittings > 1) {
    const others = sorted
      .filter((i) => i !== first && (!applies || dateWithinCutoff(t.date.at(i), config)) && t.isFirstSitting(i) && scoredHundredths(t, i) >= 0)
      .map((i) => describeLocation(t.source(i)))
      .join('、');
    issues.push(
      issueAt(
        'warning',
        'DUPLICATE_FIRST_SITTING',
        `学号 ${t.studentId.at(first)} 的课程“${courseName}”有 ${firstSittings} 条正考/缓考成绩（另见 ${others}）；已采用日期较晚（同日取较高）的这一条，请删除多余的行或把补考/重修标明考试性质`,
        t.source(first),
      ),
    );
  }
  const pass = passHundredths(config);
  // highest(used): the first of the highest in [first, ...later]; highestLater: the same over later only;
  // laterPass: the first later attempt that passed.
  let highestUsed = first;
  let highestLater = -1;
  let laterPass = -1;
  for (const i of sorted) {
    // Only the scored 补考/重修 that count.
    if ((applies && !dateWithinCutoff(t.date.at(i), config)) || t.isFirstSitting(i)) continue;
    const h = scoredHundredths(t, i);
    if (h < 0) continue;
    if (highestUsed === -1 || h > scoredHundredths(t, highestUsed)) highestUsed = i;
    if (highestLater === -1 || h > scoredHundredths(t, highestLater)) highestLater = i;
    if (laterPass === -1 && h >= pass) laterPass = i;
  }
  const hFirst = first === -1 ? -1 : scoredHundredths(t, first);
  const passed = hFirst >= pass || laterPass !== -1;

  let chosen: number;
  let value: number;
  switch (config.attemptPolicy) {
    case 'cap60': {
      if (first !== -1 && hFirst >= pass) {
        chosen = first;
        value = hFirst;
      } else if (laterPass !== -1) {
        chosen = laterPass;
        value = pass;
      } else {
        chosen = first !== -1 && hFirst >= scoredHundredths(t, highestUsed) ? first : highestUsed;
        value = scoredHundredths(t, chosen);
      }
      break;
    }
    case 'first': {
      chosen = first !== -1 ? first : highestLater;
      value = scoredHundredths(t, chosen);
      break;
    }
    case 'best': {
      chosen = first !== -1 && hFirst === scoredHundredths(t, highestUsed) ? first : highestUsed;
      value = scoredHundredths(t, chosen);
      break;
    }
  }
  const source = first !== -1 && chosen === first ? 'first' : 'later';
  const effective: EffectiveScore = { kind: 'score', hundredths: value, source, passed, row: chosen };
  const chosenScore = t.score(chosen);
  if (chosenScore.kind === 'score' && chosenScore.mark && value === chosenScore.hundredths) effective.mark = chosenScore.mark;
  return { effective, issues };
}
