/** 学生名册 rows → Student (SPEC §1.1), validated with zod, with located issues. */
import { exactSize } from '../engine/exactSize';
import { z } from 'zod';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import { UnknownValues } from './unknownValues';
import type { Student, Wish } from '../engine/model';
import type { DetectedSheet } from './detect';
import { sheetLabel } from './detect';
import { dataRows, type RowContext } from './rows';
import { cellAt, type CellValue, type RawTable } from './table';
import { canonicalHeader } from './headers';
import { withChosen } from './chosenReader';
import { boolWord, expectedText, isEmptyMark, noConditionWord, sanctionWord, statusChangeWord, trainingTypeWord, waiverProofWord } from './rosterVocabulary';
import {
  readBool,
  readCohort,
  readId,
  readRegistration,
  readRuling,
  readVeteranRoute,
  readWish,
  textOf,
  type Read,
} from './values';

const studentSchema = z.object({
  studentId: z.string().min(1),
  name: z.string().min(1),
  major: z.string().min(1),
  cohort: z.number().int().min(1900).max(2100),
});

export interface RosterParse {
  students: Student[];
  /** The same students by 学号. */
  byId: Map<string, Student>;
  /** 学号 of roster rows that could not be read (their grades are not reported as unknown). */
  rejectedIds: Set<string>;
  hasRegistration: boolean;
}

function optionalText(ctx: RowContext, field: string): string | undefined {
  if (!ctx.has(field)) return undefined;
  const t = ctx.text(field).trim();
  return t === '' ? undefined : t;
}

/**
 * readWish remembered per text cell for one parse: a school's 志愿 cells repeat the same few texts
 * (~1 µs each to split; the students also share the strings instead of holding a copy each).
 */
type WishReader = (v: CellValue, display: string | undefined) => Read<{ university: string; program: string } | null>;
function memoWishReader(): WishReader {
  const known = new Map<string, Read<{ university: string; program: string } | null>>();
  return (v, display) => {
    if (typeof v !== 'string') return readWish(v, display);
    let r = known.get(v);
    if (r === undefined) {
      r = readWish(v, display);
      known.set(v, r);
    }
    return r;
  };
}


/**
 * A coded column read by its whole-value vocabulary (SPEC §1.1, §1.6): the user's chosen meaning first,
 * then the vocabulary; a value outside both gives `fallback` and one UNKNOWN_VALUE warning per distinct
 * value (`readAs` says how it was read).
 */
function coded<T>(
  ctx: RowContext,
  uv: UnknownValues,
  field: string,
  word: (text: string) => T | undefined,
  fallback: T,
  readAs: string,
  expected: string,
): T {
  const text = ctx.text(field);
  const column = canonicalHeader('roster', field);
  const chosen = uv.chosen(column, text);
  if (chosen !== undefined) {
    const meant = word(chosen);
    if (meant !== undefined) return meant;
  }
  const known = word(text);
  if (known !== undefined) return known;
  uv.note(column, text.trim(), readAs, ctx.at(field), expected);
  return fallback;
}

/** 是/否 columns (退役士兵, 建档立卡): chosen meaning, then the boolean words; empty marks ⇒ `fallback`. */
const boolOrDefault = (fallback: boolean) => (text: string): boolean | undefined => {
  const b = boolWord(text);
  return b === null ? fallback : b;
};

function studentLabel(ctx: RowContext): string {
  return `${ctx.text('studentId').trim()}（${ctx.text('name').trim()}）`;
}

function readStudent(
  ctx: RowContext,
  registrationAnywhere: boolean,
  readWishCell: WishReader,
  uv: UnknownValues,
): { student: Student | null; id: string | null } {
  const id = ctx.read('studentId', readId, null as string | null, 'BAD_ID');
  const name = ctx.text('name').trim();
  if (name === '') ctx.report('error', 'EMPTY_VALUE', 'name', '为空，请填写学生姓名');
  const major = ctx.text('major').trim();
  if (major === '') ctx.report('error', 'EMPTY_VALUE', 'major', '为空，请填写专业名称');
  const cohort = ctx.read('cohort', readCohort, null as number | null, 'BAD_COHORT');

  let statusChange = false;
  let statusChangeType: string | undefined;
  if (ctx.has('statusChange')) {
    // SPEC §1.1: any text outside the vocabulary ⇒ 是 (kept as the 异动 type) and reported.
    const text = ctx.text('statusChange').trim();
    const s = coded(ctx, uv, 'statusChange', statusChangeWord, { change: true, type: text }, '是（学籍异动）', expectedText.statusChange);
    statusChange = s.change;
    statusChangeType = s.type;
  }
  let sanction = false;
  if (ctx.has('sanction')) {
    const text = ctx.text('sanction').trim();
    const chosen = uv.chosen(canonicalHeader('roster', 'sanction'), text);
    const meant = chosen !== undefined ? sanctionWord(chosen) : undefined;
    const s = meant !== undefined && meant !== 'description' ? meant : sanctionWord(text);
    sanction = s !== false;
    if (s === 'description') {
      // 细则 二(一)4 excludes only a sanction 尚未解除: a description is read as 是 and reported with the
      // student (SPEC §1.1; the user may still choose its meaning, valueMeanings 处分未解除|…=否).
      ctx.report(
        'warning',
        'SANCTION_DESCRIBED',
        'sanction',
        `“${text}”：${studentLabel(ctx)} 的处分按“未解除”处理（细则 二(一)4），不符合推荐条件。如处分已解除，请填写“已解除”或“否”。`,
      );
    }
  }
  const veteran = ctx.read('veteran', withChosen(uv, 'roster', 'veteran', (v, d) => readBool(v, false, d)), false, 'BAD_BOOLEAN');
  const veteranRoute = ctx.read('veteranRoute', withChosen(uv, 'roster', 'veteranRoute', readVeteranRoute), 'school' as const, 'BAD_VALUE');
  const povertyFile = ctx.has('povertyFile')
    ? coded(ctx, uv, 'povertyFile', boolOrDefault(false), false, '否', expectedText.bool)
    : undefined;
  let registration: Student['registration'] = null;
  if (ctx.has('registration')) registration = ctx.read('registration', withChosen(uv, 'roster', 'registration', readRegistration), 'none', 'BAD_REGISTRATION');
  else if (registrationAnywhere) registration = 'none';
  let waiverProof = false;
  if (ctx.has('waiverProof')) {
    if (typeof ctx.value('waiverProof') === 'number' || ctx.value('waiverProof') instanceof Date) {
      // A date (Date cell or Excel serial) or a number (page): submitted; 0 is 否.
      waiverProof = ctx.value('waiverProof') !== 0;
    } else {
      waiverProof = coded(ctx, uv, 'waiverProof', waiverProofWord, true, '已提交', expectedText.waiverProof);
    }
  }
  // 其他不符合条件 / 资格审查意见 (SPEC §1.1): non-empty and not negative ⇒ reason OTHER_CONDITION with the text.
  const conditionText = ctx.has('otherCondition') ? ctx.text('otherCondition').trim() : '';
  const otherCondition = conditionText !== '' && !noConditionWord(conditionText) ? conditionText : undefined;
  // 录取裁定 (SPEC §2.9): 本科院校/本科专业, like a 志愿.
  let admissionRuling: Wish | undefined;
  if (ctx.has('admissionRuling')) {
    const w = ctx.read('admissionRuling', withChosen(uv, 'roster', 'admissionRuling', (v, d) => (isEmptyMark(textOf(v, d)) ? { ok: true as const, value: null } : readWish(v, d))), null, 'BAD_ADMISSION_RULING');
    if (w) admissionRuling = { university: w.university, program: w.program, source: ctx.at('admissionRuling') };
  }
  const ruling = ctx.read('ruling', withChosen(uv, 'roster', 'ruling', readRuling), null, 'BAD_RULING');
  const wishes: Wish[] = [];
  for (const wc of ctx.sheet.wishColumns) {
    const v = cellAt(ctx.table, ctx.r, wc.index);
    const at = { sheet: ctx.table.sheet, row: ctx.row, column: wc.column };
    if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
      ctx.report('error', 'CELL_ERROR', undefined, `${wc.header}单元格是错误值 ${v.error}，请改为“本科院校/本科专业”`, at);
      continue;
    }
    const w = readWishCell(v, ctx.table.text?.[ctx.r]?.[wc.index]);
    if (!w.ok) ctx.report('error', 'BAD_WISH', undefined, `${wc.header}${w.reason}`, at);
    else if (w.value) wishes.push({ university: w.value.university, program: w.value.program, source: at });
  }

  // studentSchema checked by hand first (cheap); a row failing it is checked by the schema itself.
  const handChecked =
    id !== null && id.length >= 1 && name.length >= 1 && major.length >= 1 && cohort !== null && Number.isInteger(cohort) && cohort >= 1900 && cohort <= 2100;
  let row = handChecked ? { studentId: id, name, major, cohort } : null;
  if (!row) {
    const parsed = studentSchema.safeParse({ studentId: id, name, major, cohort });
    if (!parsed.success) return { student: null, id };
    row = parsed.data;
  }
  const trainingType = ctx.has('trainingType')
    ? coded(ctx, uv, 'trainingType', trainingTypeWord, 'normal' as const, '普通', expectedText.trainingType)
    : 'normal';
  // Built property by property: `{ ...row, <26 more> }` cost ~100 µs per student in V8.
  const student: Student = {
    studentId: row.studentId,
    name: row.name,
    major: row.major,
    cohort: row.cohort,
    college: optionalText(ctx, 'college'),
    className: optionalText(ctx, 'className'),
    gender: optionalText(ctx, 'gender'),
    ethnicity: optionalText(ctx, 'ethnicity'),
    political: optionalText(ctx, 'political'),
    examNo: optionalText(ctx, 'examNo'),
    idNumber: optionalText(ctx, 'idNumber'),
    phone: optionalText(ctx, 'phone'),
    address: optionalText(ctx, 'address'),
    trainingType,
    rankingGroup: optionalText(ctx, 'rankingGroup'),
    statusChange,
    statusChangeType,
    veteran,
    veteranRoute,
    merit: optionalText(ctx, 'merit'),
    sanction,
    povertyFile,
    registration,
    waiverProof,
    wishes: exactSize(wishes),
    ruling,
    source: ctx.at('studentId'),
  };
  if (otherCondition !== undefined) student.otherCondition = otherCondition;
  if (admissionRuling !== undefined) student.admissionRuling = admissionRuling;
  return { student, id };
}

/** Reads every roster sheet as one table; the same 学号 in two rows is an error at both rows. */
export function parseRosters(
  sheets: { table: RawTable; sheet: DetectedSheet }[],
  issues: Issue[],
  unknownValues: UnknownValues = new UnknownValues(),
): RosterParse {
  const registrationAnywhere = sheets.some((s) => s.sheet.columns.registration !== undefined);
  if (registrationAnywhere) {
    for (const s of sheets) {
      if (!s.sheet.columns.registration) {
        issues.push(
          issueAt(
            'warning',
            'NO_REGISTRATION_COLUMN',
            `学生名册“${sheetLabel(s.sheet)}”没有“报名状态”列，而其他名册有：该表的学生都按“未报名”处理（视为自动放弃）。如已报名，请在第${s.sheet.headerRow}行添加“报名状态”列。`,
            { sheet: s.sheet.sheet, row: s.sheet.headerRow },
          ),
        );
      }
    }
  }
  const students: Student[] = [];
  const rejectedIds = new Set<string>();
  const firstById = new Map<string, Student>();
  const reportedFirst = new Set<string>();
  /** 学号 cells that held a number (not text): candidates for lost leading zeros. */
  const numericIds = new Set<Student>();
  const readWishCell = memoWishReader();
  for (const { table, sheet } of sheets) {
    let rows = 0;
    for (const ctx of dataRows(table, sheet, issues, 'studentId')) {
      rows++;
      const { student, id } = readStudent(ctx, registrationAnywhere, readWishCell, unknownValues);
      if (student && typeof ctx.value('studentId') === 'number' && !/^0/u.test(ctx.display('studentId') ?? '')) numericIds.add(student);
      if (!student) {
        if (id) rejectedIds.add(id);
        continue;
      }
      const prior = firstById.get(student.studentId);
      if (prior) {
        const msg = (self: Student, other: Student) =>
          `${describeLocation(self.source)}：学号 ${self.studentId}（${self.name}）在学生名册中重复出现（另见 ${describeLocation(other.source)}）。每个学号只能有一行，请删除或改正重复的一行。`;
        if (!reportedFirst.has(prior.studentId)) {
          issues.push(issueAt('error', 'DUPLICATE_ID', msg(prior, student), prior.source));
          reportedFirst.add(prior.studentId);
        }
        issues.push(issueAt('error', 'DUPLICATE_ID', msg(student, prior), student.source));
        continue;
      }
      firstById.set(student.studentId, student);
      students.push(student);
    }
    if (rows === 0) {
      issues.push(
        issueAt(
          'error',
          'EMPTY_ROSTER',
          `学生名册“${sheetLabel(sheet)}”只有表头（第${sheet.headerRow}行），没有学生。请在表头下方填入学生，或删除这张空表。`,
          { sheet: sheet.sheet, row: sheet.headerRow },
        ),
      );
    }
  }
  lostZeros(numericIds, lostZeroLength(students), issues);
  return { students, byId: firstById, rejectedIds, hasRegistration: registrationAnywhere };
}

/** The usual length of 学号 that start with 0 (the roster's format), or 0 when none does. */
function lostZeroLength(students: readonly Student[]): number {
  const counts = new Map<number, number>();
  for (const s of students) if (s.studentId.startsWith('0')) counts.set(s.studentId.length, (counts.get(s.studentId.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [len, n] of counts) if (n > bestCount || (n === bestCount && len > best)) [best, bestCount] = [len, n];
  return best;
}

/**
 * A 学号 stored as a number lost its leading zeros (0210102 → 210102) when the other 学号 are written
 * with them (`len` digits, 0 when none starts with 0): a warning at that cell (SPEC §1.6). The student
 * stays; its grades are matched with or without the zeros (parseGrades, ID_ZEROS_MATCHED).
 */
function lostZeros(numericIds: ReadonlySet<Student>, len: number, issues: Issue[]): void {
  if (len === 0) return;
  for (const s of numericIds) {
    if (s.studentId.length >= len) continue;
    const padded = s.studentId.padStart(len, '0');
    issues.push(
      issueAt(
        'warning',
        'ID_LOST_ZEROS',
        `${describeLocation(s.source)}：学号 ${s.studentId}（${s.name}）是数字格式，可能丢了开头的 0（其他学号为 ${len} 位，应为 ${padded}）。成绩表中写作 ${padded} 的成绩仍对应到该生，但名单上显示的是 ${s.studentId}：请把该列设为“文本”格式并填写 ${padded}。`,
        s.source,
      ),
    );
  }
}
