/**
 * 学生查询 (issue 18 point 6): one student's whole reckoning as plain text, for answering a 异议 on the
 * phone — each plan course with every attempt (score, kind, date, sheet!cell), the score used and why, the
 * average as an exact fraction, the rank within the group and the 60 % line in integers, the reasons, the
 * status, the 递补 position and the 志愿 outcome. Built from what the run keeps (EngineOutput + the parsed
 * grade rows); pure, no DOM.
 */
import type { AttemptTable } from '../engine/attemptTable';
import { cutoffApplies, dateWithinCutoff } from '../engine/attempts';
import type { Config } from '../engine/config';
import { formatHundredths, roundedAsFraction, type Fraction } from '../engine/exact';
import type { AttemptKind, ScoreValue } from '../engine/model';
import { makePlan, matchCourse, type PlannedCourse } from '../engine/plan';
import { reasonText, statusText, type CourseScore, type EngineOutput, type StudentResult } from '../engine/result';

const kindText: Record<AttemptKind, string> = { regular: '正考', deferred: '缓考', makeup: '补考', retake: '重修' };
const policyText: Record<Config['attemptPolicy'], string> = {
  cap60: '正考及格取正考成绩；正考不及格而补考或重修及格，按 60 分计；都不及格取最高分',
  first: '取正考成绩',
  best: '取各次考试的最高分',
};

/** Students whose 学号 equals, starts with, or whose 姓名 contains the query (at most `limit`, exact 学号 first). */
export function findStudents(students: readonly StudentResult[], query: string, limit = 20): StudentResult[] {
  const q = query.normalize('NFKC').replace(/\s+/gu, '');
  if (q === '') return [];
  const exact = students.filter((s) => s.studentId === q);
  const rest = students.filter((s) => s.studentId !== q && (s.studentId.startsWith(q) || s.name.includes(q)));
  return [...exact, ...rest].slice(0, limit);
}

/** "= 82.3" when the quotient ends within 4 decimals, else "≈ 82.3333…" (integers only, no float). */
export function exactValue(f: Fraction): string {
  // value × 10^4 = num × 100 / den (num is in hundredths).
  const q = Math.floor((f.num * 100) / f.den);
  const digits = `${Math.floor(q / 10_000)}.${String(q % 10_000).padStart(4, '0')}`;
  return (f.num * 100) % f.den === 0 ? `= ${digits.replace(/\.?0+$/u, '')}` : `≈ ${digits}…`;
}

function scoreText(v: ScoreValue): string {
  if (v.kind === 'pending') return '缓考（尚无成绩）';
  if (v.kind === 'exempt') return v.text ?? '免修';
  const n = formatHundredths(v.hundredths);
  if (v.mark) return `${v.mark}（按 ${n} 分）`;
  return v.text && v.text !== n ? `${v.text}（按 ${n} 分）` : `${n} 分`;
}

/** Why this score is the one used (SPEC §2.3, §2.4). */
function whyUsed(c: CourseScore, config: Config, statusChange: boolean): string {
  switch (c.source) {
    case 'exempt':
      return '免修/免考：不计入平均分';
    case 'missing':
      return '没有有效成绩：按未修计 0 分，计入平均分（未完成教学计划）';
    case 'pending':
      return statusChange ? '缓考尚无成绩：学籍异动学生，暂不计入' : '缓考尚无成绩：按未修计 0 分，计入平均分';
    case 'not_taken':
      return `学籍异动学生在 ${config.gradeCutoff} 前没有该课程的有效成绩：不计入（也不算未修）`;
    case 'later': {
      const by = c.laterKind === 'retake' ? '重修' : c.laterKind === 'makeup' ? '补考' : '补考/重修';
      if (config.attemptPolicy === 'cap60' && c.passed) return `正考未及格，${by}及格：按细则计 ${formatHundredths(config.passMark * 100)} 分`;
      if (config.attemptPolicy === 'best') return `取最高分（${by}）`;
      return `各次均未及格，取最高分（${by}）`;
    }
    case 'first':
      if (c.mark) return `${c.mark}：按 0 分、不及格`;
      if (config.attemptPolicy === 'first') return '按设置取正考成绩';
      return c.passed ? '正考及格：取正考成绩' : '未及格：取各次最高分（正考）';
  }
}

function attemptLines(table: AttemptTable | null, rows: readonly number[], config: Config, statusChange: boolean): string[] {
  if (!table) return [];
  const cut = cutoffApplies(statusChange, config);
  return rows.map((i) => {
    const a = table.get(i);
    const where = a.source.column ? `${a.source.sheet}!${a.source.column}${a.source.row}` : `${a.source.sheet} 第${a.source.row}行`;
    const late = cut && !dateWithinCutoff(a.date, config) ? `；晚于 ${config.gradeCutoff}，不计入` : '';
    return `${kindText[a.kind]} ${scoreText(a.score)}，${a.date ?? '无日期'}，${where}${late}`;
  });
}

/** The rows of the table that belong to this student, by plan course key (in table order). */
function rowsByCourse(table: AttemptTable | null, studentId: string, courses: readonly PlannedCourse[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!table) return out;
  const id = table.studentId.idOf(studentId);
  if (id === 0) return out;
  const plan = makePlan([...courses], false);
  for (let i = 0; i < table.length; i++) {
    if (table.studentId.idAt(i) !== id) continue;
    const c = matchCourse(plan, { courseCode: table.courseCode.at(i), courseName: table.courseName.at(i) });
    if (!c) continue;
    const list = out.get(c.courseKey);
    if (list) list.push(i);
    else out.set(c.courseKey, [i]);
  }
  return out;
}

export interface LookupInput {
  output: EngineOutput;
  /** The run's grade rows (AnalyseOutcome.parsed.input.attempts); null: the attempts are not listed. */
  attempts: AttemptTable | null;
  config: Config;
}

/** The whole reckoning of one student as lines of plain text (join with "\n" to copy). */
export function studentReckoning({ output, attempts, config }: LookupInput, studentId: string): string[] {
  const s = output.result.students.find((x) => x.studentId === studentId);
  const d = output.students.get(studentId);
  if (!s || !d) return [`没有找到学号 ${studentId} 的学生。`];
  const group = output.result.groups.find((g) => g.key === s.group);
  const groupDetails = output.groups.get(s.group);
  const st = d.student;
  const lines: string[] = [];
  const groupTitle = group ? `${group.grade}级 ${group.label}${group.track === '扩招' ? '（扩招）' : ''}` : s.group;
  lines.push(`${s.studentId}（${s.name}）· ${groupTitle}${st.college ? ` · ${st.college}` : ''}${st.className ? ` · ${st.className}` : ''}`);
  const flags = [
    st.statusChange ? `学籍异动${st.statusChangeType ? `（${st.statusChangeType}）` : ''}：只计 ${config.gradeCutoff} 前有成绩的课程` : '',
    st.veteran ? `退役大学生士兵（${st.veteranRoute === 'exam' ? '综合考查' : '学校选拔'}）` : '',
    st.trainingType === 'directed' ? '定向培养' : '',
    st.sanction ? '处分未解除' : '',
  ].filter(Boolean);
  if (flags.length) lines.push(`身份：${flags.join('；')}`);
  lines.push(`名册位置：${st.source.sheet} 第${st.source.row}行`);

  // 一、 each plan course, each attempt, the score used and why.
  const courses = d.courses.toArray();
  const planCourses = groupDetails?.courses ?? courses.map((c) => ({ courseKey: c.courseKey, courseName: c.courseName, courseCode: c.courseCode, term: c.term }));
  const rows = rowsByCourse(attempts, s.studentId, planCourses);
  lines.push('');
  lines.push(
    `一、教学计划课程（第 ${config.countedTerms.join('、')} 学期计入平均分的 ${courses.length} 门${groupDetails?.planInferred ? '，无教学计划表，按成绩推断' : ''}）。取分规则：${policyText[config.attemptPolicy]}`,
  );
  courses.forEach((c, n) => {
    const used = c.hundredths === null || !c.counted ? '不计入' : `采用 ${formatHundredths(c.hundredths)} 分`;
    const head = `${n + 1}. ${c.courseName}${c.term !== null ? `（第${c.term}学期）` : ''}：${used}`;
    const tried = attemptLines(attempts, rows.get(c.courseKey) ?? [], config, st.statusChange);
    // The usual course — one first sitting, passed — on one line: "采用 81.8 分（正考 81.8 分，2022-01-07，成绩!J37）".
    if (tried.length === 1 && c.source === 'first' && c.passed && !c.mark && config.attemptPolicy !== 'first') lines.push(`${head}（${tried[0]}）`);
    else lines.push(`${head} —— ${whyUsed(c, config, st.statusChange)}`, ...tried.map((t) => `    · ${t}`));
  });

  // 二、 the average as a fraction.
  lines.push('');
  const exact = d.exactAverage;
  if (exact === null || s.average === null) {
    lines.push('二、平均成绩：无（没有计入的课程成绩）');
  } else {
    const counted = courses.filter((c) => c.counted && c.hundredths !== null);
    const sum = counted.map((c) => formatHundredths(c.hundredths as number)).join(' + ');
    lines.push(`二、平均成绩 = 计入课程成绩之和 ÷ 计入门数 = (${sum}) ÷ ${exact.den} = ${formatHundredths(exact.num)} ÷ ${exact.den} ${exactValue(exact)}`);
    lines.push(`   公示（四舍五入保留 ${config.averageDecimals} 位小数）：${s.average}；排名依据：${config.rankOn === 'rounded' ? '公示的平均成绩' : '精确平均成绩'}`);
  }

  // 三、 rank and the 60 % line.
  lines.push('');
  if (s.rank === null) {
    lines.push(`三、排名：无（没有平均成绩，排在全组之后；仍计入专业人数 N = ${s.groupSize}）`);
  } else {
    const left = s.rank * 100;
    const right = config.rankPercent * s.groupSize;
    const tied = output.result.students.filter((x) => x.group === s.group && x.rank === s.rank).length;
    lines.push(`三、排名：第 ${s.rank} 名 / 专业人数 N = ${s.groupSize}${tied > 1 ? `（与另外 ${tied - 1} 人同分并列）` : ''}；并列名次后跳位（1、2、2、4）`);
    lines.push(
      `   前${config.rankPercent}%线：排名 × 100 = ${left} ${left <= right ? '≤' : '>'} ${config.rankPercent} × N = ${right} ⇒ ${s.top60 ? `在前${config.rankPercent}%` : `不在前${config.rankPercent}%`}`,
    );
    if (config.rankOn === 'rounded' && exact) {
      const r = roundedAsFraction(exact, config.averageDecimals);
      if (r.num * exact.den !== exact.num * r.den) lines.push(`   （按公示的 ${s.average} 排名，而非精确值）`);
    }
  }

  // 四、 eligibility and reasons.
  lines.push('');
  if (s.eligible) lines.push('四、资格：符合条件');
  else {
    const why = s.reasons.map((r) =>
      r === 'MISSING_COURSE' ? `${reasonText[r]}（${s.missingCourses.join('、')}）` : r === 'FAILED_COURSE' ? `${reasonText[r]}（${s.failedCourses.join('、')}）` : reasonText[r],
    );
    lines.push(`四、资格：不符合条件 —— ${why.length ? why.join('；') : '见备注'}`);
  }
  for (const e of d.evidence) lines.push(`   ${e.kind === 'direct' ? '不占指标依据' : '同等条件优先依据'}：${e.text}（${e.sheet} 第${e.row}行）`);
  for (const note of d.notes) lines.push(`   备注：${note}`);

  // 五、 status, quota, 递补.
  lines.push('');
  const statusLine = [`五、推荐结果：${statusText[s.status]}`];
  if (group) statusLine.push(`本组推荐指标 Q = ${group.quota}（基数 ${group.quotaBase} × ${config.quotaPercent}% 向下取整${group.quotaBase !== group.size ? '，按排名组分配' : ''}）`);
  lines.push(statusLine.join('；'));
  if (s.status === 'substitute' && s.substituteOrder !== null) lines.push(`   递补顺序：第 ${s.substituteOrder} 位（前面有人放弃时依次递补）`);
  if (s.filledVacancy) lines.push('   该生因排名在前的学生放弃而递补获得名额');
  if (s.status === 'tie_pending') lines.push('   与同分、同等条件的学生争最后的名额，待领导小组在名册“裁定结果”列裁定');
  if (st.ruling) lines.push(`   名册“裁定结果”：${st.ruling === 'recommend' ? '推荐' : '不推荐'}`);
  if (st.registration !== null) {
    lines.push(`   报名状态：${st.registration === 'registered' ? '已报名' : st.registration === 'waived' ? `放弃${st.waiverProof ? '（已交放弃证明）' : '（未交放弃证明）'}` : '未报名'}`);
  }

  // 六、 志愿.
  lines.push('');
  const wishes = d.wishes.map((w, n) => `志愿${n + 1} ${w.university}/${w.program}`);
  lines.push(`六、志愿：${wishes.length ? wishes.join('；') : '未填报'}`);
  if (s.allocation) lines.push(`   录取：${s.allocation.university}/${s.allocation.program}`);
  else if (s.allocationPending) lines.push('   志愿冲突：同分同等条件的学生争同一专业的最后名额，暂不分配，待领导小组裁定（名册“录取裁定”列）');
  else if (s.status.startsWith('recommended')) lines.push('   未分配本科院校和专业（志愿中没有仍有名额的专业，或未填报）');
  return lines;
}
