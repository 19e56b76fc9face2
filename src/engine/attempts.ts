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
function passHundredths(config: Config): number {
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
  const da = t.date[a] ?? '';
  const db = t.date[b] ?? '';
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
 * The rule below for the usual case of exactly one attempt (row i), without its intermediate lists
 * (this runs for every student × plan course). Gives the same result as the general rule.
 */
export function singleEffectiveScore(t: AttemptTable, i: number, statusChange: boolean, config: Config): EffectiveScore {
  if (cutoffApplies(statusChange, config) && !dateWithinCutoff(t.date[i], config)) return { kind: 'none', excludedByCutoff: 1 };
  const plain = t.plainHundredths(i);
  const s = plain === undefined ? t.score(i) : undefined;
  if (s !== undefined && s.kind === 'exempt') return { kind: 'exempt', row: i };
  if (s !== undefined && s.kind === 'pending') return { kind: 'pending', row: i };
  const h = plain ?? (s as { hundredths: number }).hundredths;
  const pass = passHundredths(config);
  const passed = h >= pass;
  const first = t.isFirstSitting(i);
  // A lone first sitting is chosen with its own score under every policy; a lone 补考/重修 too, except
  // that cap60 caps a passing one at the pass mark.
  const value = !first && config.attemptPolicy === 'cap60' && passed ? pass : h;
  const effective: EffectiveScore = { kind: 'score', hundredths: value, source: first ? 'first' : 'later', passed, row: i };
  const mark = s !== undefined && s.kind === 'score' ? s.mark : undefined;
  if (mark && value === h) effective.mark = mark;
  return effective;
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
  const { table: t, indices } = attemptSetOf(attempts);
  if (indices.length === 1) return { effective: singleEffectiveScore(t, indices[0], statusChange, config), issues: [] };
  const applies = cutoffApplies(statusChange, config);
  const issues: Issue[] = [];
  // A course has a handful of attempts: an insertion sort, in place, on a copy of the rows.
  const sorted = Array.from(indices);
  for (let k = 1; k < sorted.length; k++) {
    const x = sorted[k];
    let j = k - 1;
    for (; j >= 0 && compareAttempts(t, sorted[j], x) > 0; j--) sorted[j + 1] = sorted[j];
    sorted[j + 1] = x;
  }
  const valid = applies ? sorted.filter((i) => dateWithinCutoff(t.date[i], config)) : sorted;
  if (valid.length === 0) return { effective: { kind: 'none', excludedByCutoff: sorted.length }, issues };

  const exempt = valid.find((i) => t.score(i).kind === 'exempt');
  if (exempt !== undefined) return { effective: { kind: 'exempt', row: exempt }, issues };

  const scored = valid.filter((i) => scoredHundredths(t, i) >= 0);
  if (scored.length === 0) {
    const pending = valid.find((i) => t.score(i).kind === 'pending') ?? valid[0];
    return { effective: { kind: 'pending', row: pending }, issues };
  }
  const h = (i: number) => scoredHundredths(t, i);
  /** The first of the highest (list order). */
  const highest = (list: readonly number[]) => list.reduce((best, i) => (h(i) > h(best) ? i : best));

  const firstSittings = scored.filter((i) => t.isFirstSitting(i));
  // Two first sittings of one course: keep the later-dated one (then the higher), warn.
  const first = firstSittings.length > 0 ? firstSittings[firstSittings.length - 1] : undefined;
  if (first !== undefined && firstSittings.length > 1) {
    const others = firstSittings.slice(0, -1).map((i) => describeLocation(t.source(i))).join('、');
    issues.push(
      issueAt(
        'warning',
        'DUPLICATE_FIRST_SITTING',
        `学号 ${t.studentId[first]} 的课程“${courseName}”有 ${firstSittings.length} 条正考/缓考成绩（另见 ${others}）；已采用日期较晚（同日取较高）的这一条，请删除多余的行或把补考/重修标明考试性质`,
        t.source(first),
      ),
    );
  }
  const later = scored.filter((i) => !t.isFirstSitting(i));
  const used = first !== undefined ? [first, ...later] : later;
  const pass = passHundredths(config);
  const passed = used.some((i) => h(i) >= pass);

  let chosen: number;
  let value: number;
  switch (config.attemptPolicy) {
    case 'cap60': {
      const laterPass = later.find((i) => h(i) >= pass);
      if (first !== undefined && h(first) >= pass) {
        chosen = first;
        value = h(first);
      } else if (laterPass !== undefined) {
        chosen = laterPass;
        value = pass;
      } else {
        chosen = first !== undefined && h(first) >= h(highest(used)) ? first : highest(used);
        value = h(chosen);
      }
      break;
    }
    case 'first': {
      chosen = first ?? highest(later);
      value = h(chosen);
      break;
    }
    case 'best': {
      const top = highest(used);
      chosen = first !== undefined && h(first) === h(top) ? first : top;
      value = h(chosen);
      break;
    }
  }
  const source = first !== undefined && chosen === first ? 'first' : 'later';
  const effective: EffectiveScore = { kind: 'score', hundredths: value, source, passed, row: chosen };
  const chosenScore = t.score(chosen);
  if (chosenScore.kind === 'score' && chosenScore.mark && value === chosenScore.hundredths) effective.mark = chosenScore.mark;
  return { effective, issues };
}
