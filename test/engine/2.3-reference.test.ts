/**
 * §2.3 against a reference: the rule written the plain way (lists of attempt objects, filter/sort — the
 * engine's first version) versus the engine's row-index version, on random attempt lists for all three
 * policies, with and without the cutoff. Any difference in the chosen value, source, passed flag, mark,
 * chosen row or warnings fails.
 */
import fc from 'fast-check';
import { effectiveScore } from '../../src/engine/attempts';
import type { Config } from '../../src/engine/config';
import { describeLocation, issueAt, type Issue } from '../../src/engine/issues';
import type { Attempt, ScoreValue } from '../../src/engine/model';
import { settingHundredths } from '../../src/engine/scores';
import { config } from './builders';

// ---- reference (the first version of src/engine/attempts.ts, object-based) ----
type EffectiveScoreReference =
  /** A score: `source` first = from a first sitting (正考/缓考), later = from 补考/重修. */
  | { kind: 'score'; hundredths: number; source: 'first' | 'later'; passed: boolean; mark?: string; attempt: Attempt }
  | { kind: 'exempt'; attempt: Attempt }
  /** 缓考 without a score yet (and nothing else scored). */
  | { kind: 'pending'; attempt: Attempt }
  /** No attempt that counts (none at all, or all after the cutoff). */
  | { kind: 'none'; excludedByCutoff: number };

interface EffectiveResultReference {
  effective: EffectiveScoreReference;
  issues: Issue[];
}

type Scored = Attempt & { score: { kind: 'score'; hundredths: number; mark?: string } };

function isScored(a: Attempt): a is Scored {
  return a.score.kind === 'score';
}

function isFirstSitting(a: Attempt): boolean {
  return a.kind === 'regular' || a.kind === 'deferred';
}

/** Does the cutoff date apply to this student (学籍异动, or everyone by setting)? */
function cutoffApplies(statusChange: boolean, config: Config): boolean {
  return statusChange || config.cutoffAppliesToAll;
}

/** Attempts counted for the student: dated on or before the cutoff (inclusive), or undated. */
function withinCutoff(a: Attempt, config: Config): boolean {
  // Compare the yyyy-mm-dd part only (a time of day, if any, does not move the day).
  return a.date === undefined || a.date.slice(0, 10) <= config.gradeCutoff;
}

function hundredthsOf(a: Scored): number {
  return a.score.hundredths;
}

/** Stable order: date (undated first), then score, then sheet and row. */
function compareAttempts(a: Attempt, b: Attempt): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  if (da !== db) return da < db ? -1 : 1;
  const ha = isScored(a) ? a.score.hundredths : -1;
  const hb = isScored(b) ? b.score.hundredths : -1;
  if (ha !== hb) return ha - hb;
  if (a.source.sheet !== b.source.sheet) return a.source.sheet < b.source.sheet ? -1 : 1;
  return a.source.row - b.source.row;
}

function highest(list: readonly Scored[]): Scored {
  return list.reduce((best, a) => (hundredthsOf(a) > hundredthsOf(best) ? a : best));
}

/** config.passMark in hundredths (settingHundredths parses a decimal text: once per value, not per course). */
let passMarkOf = { mark: Number.NaN, hundredths: 0 };
function passHundredths(config: Config): number {
  if (passMarkOf.mark !== config.passMark) passMarkOf = { mark: config.passMark, hundredths: settingHundredths(config.passMark) };
  return passMarkOf.hundredths;
}

/**
 * The general rule below for the usual case of exactly one attempt, without its intermediate lists
 * (this runs for every student × plan course). Gives the same result as the general rule.
 */
function singleEffectiveScore(a: Attempt, statusChange: boolean, config: Config): EffectiveScoreReference {
  if (cutoffApplies(statusChange, config) && !withinCutoff(a, config)) return { kind: 'none', excludedByCutoff: 1 };
  if (a.score.kind === 'exempt') return { kind: 'exempt', attempt: a };
  if (!isScored(a)) return { kind: 'pending', attempt: a };
  const h = a.score.hundredths;
  const pass = passHundredths(config);
  const passed = h >= pass;
  const first = isFirstSitting(a);
  // A lone first sitting is chosen with its own score under every policy; a lone 补考/重修 too, except
  // that cap60 caps a passing one at the pass mark.
  const value = !first && config.attemptPolicy === 'cap60' && passed ? pass : h;
  const effective: EffectiveScoreReference = { kind: 'score', hundredths: value, source: first ? 'first' : 'later', passed, attempt: a };
  if (a.score.mark && value === h) effective.mark = a.score.mark;
  return effective;
}

/**
 * Combines the attempts of one student for one course.
 * @param courseName for messages only.
 */
function effectiveScoreReference(
  attempts: readonly Attempt[],
  statusChange: boolean,
  config: Config,
  courseName: string,
): EffectiveResultReference {
  if (attempts.length === 1) return { effective: singleEffectiveScore(attempts[0], statusChange, config), issues: [] };
  const applies = cutoffApplies(statusChange, config);
  const issues: Issue[] = [];
  const sorted = [...attempts].sort(compareAttempts);
  const valid = applies ? sorted.filter((a) => withinCutoff(a, config)) : sorted;
  if (valid.length === 0) return { effective: { kind: 'none', excludedByCutoff: sorted.length }, issues };

  const exempt = valid.find((a) => a.score.kind === 'exempt');
  if (exempt) return { effective: { kind: 'exempt', attempt: exempt }, issues };

  const scored = valid.filter(isScored);
  if (scored.length === 0) {
    const pending = valid.find((a) => a.score.kind === 'pending') ?? valid[0];
    return { effective: { kind: 'pending', attempt: pending }, issues };
  }

  const firstSittings = scored.filter(isFirstSitting);
  // Two first sittings of one course: keep the later-dated one (then the higher), warn.
  const first = firstSittings.length > 0 ? firstSittings[firstSittings.length - 1] : undefined;
  if (first && firstSittings.length > 1) {
    const others = firstSittings.slice(0, -1).map((a) => describeLocation(a.source)).join('、');
    issues.push(
      issueAt(
        'warning',
        'DUPLICATE_FIRST_SITTING',
        `学号 ${first.studentId} 的课程“${courseName}”有 ${firstSittings.length} 条正考/缓考成绩（另见 ${others}）；已采用日期较晚（同日取较高）的这一条，请删除多余的行或把补考/重修标明考试性质`,
        first.source,
      ),
    );
  }
  const later = scored.filter((a) => !isFirstSitting(a));
  const used: Scored[] = first ? [first, ...later] : later;
  const pass = passHundredths(config);
  const passed = used.some((a) => hundredthsOf(a) >= pass);

  let chosen: Scored;
  let value: number;
  switch (config.attemptPolicy) {
    case 'cap60': {
      const laterPass = later.find((a) => hundredthsOf(a) >= pass);
      if (first && hundredthsOf(first) >= pass) {
        chosen = first;
        value = hundredthsOf(first);
      } else if (laterPass) {
        chosen = laterPass;
        value = pass;
      } else {
        chosen = first && hundredthsOf(first) >= hundredthsOf(highest(used)) ? first : highest(used);
        value = hundredthsOf(chosen);
      }
      break;
    }
    case 'first': {
      chosen = first ?? highest(later);
      value = hundredthsOf(chosen);
      break;
    }
    case 'best': {
      const top = highest(used);
      chosen = first && hundredthsOf(first) === hundredthsOf(top) ? first : top;
      value = hundredthsOf(chosen);
      break;
    }
  }
  const source = first !== undefined && chosen === first ? 'first' : 'later';
  const effective: EffectiveScoreReference = { kind: 'score', hundredths: value, source, passed, attempt: chosen };
  if (chosen.score.mark && value === chosen.score.hundredths) effective.mark = chosen.score.mark;
  return { effective, issues };
}

// ---- the comparison ----
// Few distinct scores and dates, so that ties (the delicate part of the rule) are common.
const scoreArb: fc.Arbitrary<ScoreValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 45, 59.99, 60, 61, 75, 90).map((u): ScoreValue => ({ kind: 'score', hundredths: Math.round(u * 100) })) },
  { weight: 1, arbitrary: fc.constantFrom<ScoreValue>({ kind: 'score', hundredths: 0, mark: '缺考' }, { kind: 'pending' }, { kind: 'exempt' }, { kind: 'score', hundredths: 6000 }) },
);
const listArb = fc.array(
  fc.record({
    score: scoreArb,
    kind: fc.constantFrom('regular', 'deferred', 'makeup', 'retake') as fc.Arbitrary<Attempt['kind']>,
    date: fc.option(fc.constantFrom('2022-01-10', '2022-06-20', '2023-03-01', '2024-09-01'), { nil: undefined }),
    sheet: fc.constantFrom('成绩', '补考'),
    row: fc.integer({ min: 2, max: 40 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('§2.3 effective score equals the reference rule', () => {
  it.each(['cap60', 'first', 'best'] as const)('policy %s, random attempts, cutoff on and off', (policy) => {
    fc.assert(
      fc.property(listArb, fc.boolean(), fc.boolean(), (rows, statusChange, all) => {
        const cfg: Config = config({ attemptPolicy: policy, cutoffAppliesToAll: all, gradeCutoff: '2023-06-30' });
        const attempts: Attempt[] = rows.map((r, k) => ({
          studentId: 's1',
          courseName: '高等数学',
          score: r.score,
          kind: r.kind,
          date: r.date,
          term: 1,
          source: { sheet: r.sheet, row: r.row * 100 + k, column: 'E' },
        }));
        const expected = effectiveScoreReference(attempts, statusChange, cfg, '高等数学');
        const actual = effectiveScore(attempts, statusChange, cfg, '高等数学');
        const { attempt, ...rest } = expected.effective as EffectiveScoreReference & { attempt?: Attempt };
        const expectedShape = attempt === undefined ? rest : { ...rest, row: attempts.indexOf(attempt) };
        expect(actual.effective).toStrictEqual(expectedShape);
        expect(actual.issues).toStrictEqual(expected.issues);
      }),
      { numRuns: 400 },
    );
  });
});
