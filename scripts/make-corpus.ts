/**
 * Generates the messy-input corpus of issue 5 into test/fixtures/corpus/ (deterministic: fixed workbook
 * dates and fixed zip entry dates, so regenerating gives the same bytes).
 *
 *   npx tsx scripts/make-corpus.ts [outDir]
 *
 * Each case is a folder holding one or more input files and `expected.json`:
 *   { description, inputs: [file…], exit: 0 | 1,
 *     errors:   [{ code, sheet, cell | row }]   — exactly these error issues (order free),
 *     warnings: [{ code, sheet, cell | row }]   — exactly these warning issues,
 *     infos:    [{ code, sheet, cell | row }]   — at least these info issues,
 *     students: { 学号: { average, countedCourses, … } } — fields of the §3.3 student that must match,
 *     sameAsBaseline: true — every student's average/rank equals the clean baseline's }
 * The small school behind every case: 2 majors (机电一体化技术 ×5, 会计 ×4), 3 plan courses each, one
 * grade row per student and course. Each case changes one thing (what a real file does wrong).
 * The 50 MB case is not stored here: the test generates it at run time into a temporary folder.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { encodeGb18030 } from './generate-sample';

// ───────────────────────────── the small school ─────────────────────────────

export const COHORT = 2021;
export interface BaseStudent {
  id: string;
  name: string;
  major: string;
}
const MAJOR_A = '机电一体化技术';
const MAJOR_B = '会计';
export const STUDENTS: BaseStudent[] = [
  { id: '0210101', name: '韦一鸣', major: MAJOR_A },
  { id: '0210102', name: '覃二华', major: MAJOR_A },
  { id: '0210103', name: '黄三江', major: MAJOR_A },
  { id: '0210104', name: '蓝四海', major: MAJOR_A },
  { id: '0210105', name: '莫五洲', major: MAJOR_A },
  { id: '0210201', name: '陆六合', major: MAJOR_B },
  { id: '0210202', name: '梁七星', major: MAJOR_B },
  { id: '0210203', name: '廖八方', major: MAJOR_B },
  { id: '0210204', name: '潘九思', major: MAJOR_B },
];
export const COURSES: Record<string, { name: string; term: number }[]> = {
  [MAJOR_A]: [
    { name: '高等数学', term: 1 },
    { name: '大学英语', term: 2 },
    { name: '机械制图', term: 3 },
  ],
  [MAJOR_B]: [
    { name: '高等数学', term: 1 },
    { name: '大学英语', term: 2 },
    { name: '基础会计', term: 3 },
  ],
};
const coursesOf = (s: BaseStudent) => COURSES[s.major] ?? [];

/** Deterministic passing score of student i, course k (all distinct averages, all ≥ 60). */
export function baseScore(i: number, k: number): number {
  return 62 + ((i * 11 + k * 7) % 37);
}

type Plain = string | number | boolean | Date | null;
/** A cell of a generated sheet: a value, a formula with its cached result, an error value, or a value with a number format. */
type Cell = Plain | { formula: string; result: Plain | { error: string } } | { error: string } | { v: Plain; fmt: string };

interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
  /** 1-based worksheet rows to hide. */
  hiddenRows?: number[];
  /** 1-based columns formatted as text ("@") in every data row. */
  textCols?: number[];
}

const ROSTER_HEADER = ['学号', '姓名', '专业', '年级', '二级学院'];
const GRADE_HEADER = ['学号', '姓名', '课程名称', '成绩', '学期', '考试性质'];

function rosterRows(students = STUDENTS): Cell[][] {
  return students.map((s) => [s.id, s.name, s.major, `${COHORT}级`, s.major === MAJOR_A ? '机电工程学院' : '财经学院']);
}
function rosterSheet(extra: { header: string[]; values: (s: BaseStudent, i: number) => Cell[] } | null = null, name = '学生名册'): SheetSpec {
  const header = [...ROSTER_HEADER, ...(extra?.header ?? [])];
  const rows = rosterRows().map((r, i) => [...r, ...(extra ? extra.values(STUDENTS[i] as BaseStudent, i) : [])]);
  return { name, rows: [header, ...rows], textCols: [1] };
}

interface GradeRow {
  student: BaseStudent;
  i: number;
  course: string;
  k: number;
  cells: Cell[];
}
function gradeRowsData(): GradeRow[] {
  const out: GradeRow[] = [];
  STUDENTS.forEach((s, i) => {
    coursesOf(s).forEach((c, k) => {
      out.push({ student: s, i, course: c.name, k, cells: [s.id, s.name, c.name, baseScore(i, k), c.term, '正考'] });
    });
  });
  return out;
}
/** Worksheet row of the grade of (student, course) in the plain grades sheet (header in row 1). */
function gradeRowOf(id: string, course: string): number {
  const i = gradeRowsData().findIndex((g) => g.student.id === id && g.course === course);
  if (i < 0) throw new Error(`no grade row ${id} ${course}`);
  return i + 2;
}
function gradesSheet(edit?: (g: GradeRow) => Cell[] | null, header = GRADE_HEADER, name = '成绩'): SheetSpec {
  const rows: Cell[][] = [];
  for (const g of gradeRowsData()) {
    const r = edit ? edit(g) : g.cells;
    if (r) rows.push(r);
  }
  return { name, rows: [header, ...rows], textCols: [1] };
}
function planSheet(extra: { major: string; course: string; term: Cell }[] = [], termOf: (term: number, major: string) => Cell = (t) => t): SheetSpec {
  const rows: Cell[][] = [['专业', '课程名称', '学期', '计入平均分']];
  for (const [major, list] of Object.entries(COURSES)) for (const c of list) rows.push([major, c.name, termOf(c.term, major), '是']);
  for (const e of extra) rows.push([e.major, e.course, e.term, '是']);
  return { name: '教学计划', rows };
}

/** Exact average of hundredths, half-up to 2 decimals (the SPEC §2.4 display), as an oracle. */
export function avg(scores: number[]): string {
  const h = scores.map((s) => Math.round(s * 100));
  const sum = h.reduce((a, b) => a + b, 0);
  const n = h.length;
  // rounded hundredths = floor((2·sum + n) / (2n)) (half-up, non-negative)
  const r = Math.floor((2 * sum + n) / (2 * n));
  return `${Math.floor(r / 100)}.${String(r % 100).padStart(2, '0')}`;
}
function baseAverage(id: string, override: Record<string, number> = {}): string {
  const i = STUDENTS.findIndex((s) => s.id === id);
  const s = STUDENTS[i] as BaseStudent;
  return avg(coursesOf(s).map((c, k) => override[c.name] ?? baseScore(i, k)));
}

// ───────────────────────────── writing files ─────────────────────────────

const FIXED_DATE = new Date(Date.UTC(2024, 2, 18, 8, 0, 0));

function toExcel(c: Cell): ExcelJS.CellValue {
  if (c === null || typeof c !== 'object' || c instanceof Date) return c as ExcelJS.CellValue;
  if ('formula' in c) return { formula: c.formula, result: c.result as ExcelJS.CellFormulaValue['result'] } as ExcelJS.CellFormulaValue;
  if ('error' in c) return { error: c.error } as ExcelJS.CellErrorValue;
  return toExcel(c.v);
}

/** An .xlsx with fixed document dates and fixed zip entry dates (byte-for-byte reproducible). */
export async function xlsxBytes(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'make-corpus';
  wb.lastModifiedBy = 'make-corpus';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (c === null) return;
        const cell = ws.getCell(r + 1, col + 1);
        if (typeof c === 'object' && !(c instanceof Date) && 'fmt' in c) cell.numFmt = c.fmt;
        else if (c instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        else if (r > 0 && typeof c === 'string' && s.textCols?.includes(col + 1)) cell.numFmt = '@';
        cell.value = toExcel(c);
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const h of s.hiddenRows ?? []) ws.getRow(h).hidden = true;
  }
  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const names = Object.keys(zip.files).sort();
  for (const n of names) {
    const f = zip.files[n] as JSZip.JSZipObject;
    if (f.dir) continue;
    out.file(n, await f.async('nodebuffer'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

function csvField(c: Cell, d: string): string {
  let t: string;
  if (c === null) t = '';
  else if (c instanceof Date) t = c.toISOString().slice(0, 10);
  else if (typeof c === 'object') throw new Error('CSV cells are plain values');
  else t = String(c);
  return t.includes(d) || t.includes('"') || /[\r\n]/u.test(t) ? `"${t.replace(/"/gu, '""')}"` : t;
}
export function csvText(rows: Cell[][], delimiter = ','): string {
  return rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

// ───────────────────────────── cases ─────────────────────────────

export interface Loc {
  code: string;
  sheet: string | null;
  cell?: string | null;
  row?: number | null;
}
export interface Expected {
  description: string;
  inputs: string[];
  exit: 0 | 1;
  errors: Loc[];
  warnings: Loc[];
  infos?: Loc[];
  students?: Record<string, Record<string, unknown>>;
  sameAsBaseline?: boolean;
}

type FileOut = { name: string; bytes: Buffer | Promise<Buffer> };
interface CaseDef {
  id: string;
  files: FileOut[];
  expected: Expected;
}

const SCHOOL = '学校.xlsx';
const at = (code: string, sheet: string | null, cell: string | null): Loc => ({ code, sheet, cell });
const atRow = (code: string, sheet: string, row: number): Loc => ({ code, sheet, cell: null, row });
const xlsx = (name: string, sheets: SheetSpec[]): FileOut => ({ name, bytes: xlsxBytes(sheets) });
const ok = (description: string, inputs: string[], extra: Partial<Expected> = {}): Expected => ({ description, inputs, exit: 0, errors: [], warnings: [], ...extra });
const bad = (description: string, inputs: string[], errors: Loc[], extra: Partial<Expected> = {}): Expected => ({ description, inputs, exit: 1, errors, warnings: [], ...extra });

/** One-file case: the standard three sheets, any of them replaced. */
function school(id: string, expected: Omit<Expected, 'inputs'>, sheets: { roster?: SheetSpec; grades?: SheetSpec; plan?: SheetSpec | null; extra?: SheetSpec[] } = {}): CaseDef {
  const list = [sheets.roster ?? rosterSheet(), sheets.grades ?? gradesSheet()];
  if (sheets.plan !== null) list.push(sheets.plan ?? planSheet());
  list.push(...(sheets.extra ?? []));
  return { id, files: [xlsx(SCHOOL, list)], expected: { ...expected, inputs: [SCHOOL] } };
}

const G = '成绩';
const R = '学生名册';
const S1 = STUDENTS[0] as BaseStudent;
const S3 = STUDENTS[2] as BaseStudent;

function gradesCsvRows(): Cell[][] {
  return [GRADE_HEADER, ...gradeRowsData().map((g) => g.cells)];
}

/** An .xlsx with one part's XML changed (raw edits of what ExcelJS wrote: attributes it never writes). */
async function patchedXlsx(sheets: SheetSpec[], edits: Record<string, (xml: string) => string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await xlsxBytes(sheets));
  const out = new JSZip();
  for (const n of Object.keys(zip.files).sort()) {
    const f = zip.files[n] as JSZip.JSZipObject;
    if (f.dir) continue;
    const edit = edits[n];
    const bytes = edit ? Buffer.from(edit(await f.async('string')), 'utf8') : await f.async('nodebuffer');
    out.file(n, bytes, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
const xlsxPatched = (name: string, sheets: SheetSpec[], edits: Record<string, (xml: string) => string>): FileOut => ({ name, bytes: patchedXlsx(sheets, edits) });

/** Excel serial (1900 system, after 1900-03-01) → "YYYY-MM-DDT00:00:00". */
function serialToIsoText(serial: number): string {
  return `${new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 19)}`;
}

/** Every numeric cell of `column` below row 1 as an ISO date cell: `<c r="G2" s="3" t="d"><v>2023-01-10T00:00:00</v></c>`. */
function isoDateCells(column: string) {
  return (xml: string) =>
    xml.replace(new RegExp(`<c r="${column}(\\d+)"([^>]*)><v>(\\d+(?:\\.\\d+)?)</v></c>`, 'gu'), (whole, row: string, attrs: string, v: string) =>
      row === '1' || attrs.includes('t=') ? whole : `<c r="${column}${row}"${attrs} t="d"><v>${serialToIsoText(Number(v))}</v></c>`,
    );
}

export function cases(): CaseDef[] {
  const list: CaseDef[] = [];
  const add = (c: CaseDef) => list.push(c);

  add(school('01-baseline', { description: '干净的小学校：两专业、三门计划课程，全部及格', exit: 0, errors: [], warnings: [], students: Object.fromEntries(STUDENTS.map((s) => [s.id, { average: baseAverage(s.id), countedCourses: 3 }])) }));

  // Title and blank rows above the header (also on the grades sheet), merged title banner.
  {
    const roster = rosterSheet();
    roster.rows = [['柳州职业技术学院2021级学生名册'], [], ...roster.rows];
    roster.merges = ['A1:E1'];
    const grades = gradesSheet();
    grades.rows = [['成绩总表（教务系统导出）'], ['导出时间：2024-03-18'], [], ...grades.rows];
    grades.merges = ['A1:F1'];
    add(school('02-title-and-blank-rows', { ...ok('标题行、合并的标题、空行在表头之上（名册表头在第3行，成绩表头在第4行）', []), sameAsBaseline: true }, { roster, grades }));
  }

  // A merged two-row header: 学号…年级 merged over rows 1–2; 学籍情况 over E1:F1 with 学籍异动 | 退役士兵 below.
  {
    const rows: Cell[][] = [
      ['学号', '姓名', '专业', '年级', '学籍情况', null],
      [null, null, null, null, '学籍异动', '退役士兵'],
      ...rosterRows().map((r, i) => [r[0] ?? null, r[1] ?? null, r[2] ?? null, r[3] ?? null, '否', i === 0 ? '是' : '否']),
    ];
    const roster: SheetSpec = { name: R, rows, merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:F1'], textCols: [1] };
    add(school('03-merged-two-row-header', { ...ok('两行合并表头：学号…年级纵向合并两行，“学籍情况”横跨两列，下一行是“学籍异动 | 退役士兵”', []), sameAsBaseline: true, students: { [S1.id]: { veteran: true } } }, { roster }));
  }

  // Headers with spaces, full-width characters, brackets, trailing colons and synonyms.
  {
    const roster = rosterSheet();
    roster.rows[0] = ['学　号', ' 学生姓名 ', '所在专业', '入学年级：', '院系'];
    const grades = gradesSheet(undefined, ['学 号', '学生姓名', '课程', '总评成绩', '开课学期', '考试性质：']);
    const plan = planSheet();
    plan.rows[0] = ['专业名称', '课程名', '开课学期', '计入平均分（是/否）'.replace('（是/否）', '')];
    add(school('04-header-variants', { ...ok('表头带空格、全角空格、首尾空格、冒号，以及同义词（学生姓名、所在专业、入学年级、课程、总评成绩、开课学期）', []), sameAsBaseline: true }, { roster, grades, plan }));
  }

  // 学号 typed as numbers in the grades sheet: the leading zero is gone (0210101 → 210101).
  {
    const grades = gradesSheet((g) => (g.student.id === S3.id ? [Number(g.student.id), ...g.cells.slice(1)] : g.cells));
    add(
      school('05-ids-lost-zeros-grades', {
        ...ok('成绩表中一名学生的学号以数字存储，丢了前导0（0210103 → 210103）：不能当作“不在名册中”而静默漏掉其成绩；SPEC §1.6（issue 14）：按同一学生对应并警告（含人数）', [], {
          warnings: [at('ID_ZEROS_MATCHED', G, `A${gradeRowOf(S3.id, '高等数学')}`)],
        }),
        sameAsBaseline: true,
      }, { grades }),
    );
  }
  // The same in the roster: most IDs of the group have 7 characters, one was typed as the number 210102.
  {
    const roster = rosterSheet();
    (roster.rows[2] as Cell[])[0] = { v: 210102, fmt: 'General' };
    const S2 = STUDENTS[1] as BaseStudent;
    add(
      school('06-ids-lost-zeros-roster', {
        ...ok('名册中一个学号以数字存储丢了前导0（同组其他学号都是7位）：SPEC §1.6（issue 14）：该格警告，成绩表中的 0210102 仍对应到该生（警告含人数）', [], {
          warnings: [at('ID_LOST_ZEROS', R, 'A3'), at('ID_ZEROS_MATCHED', G, `A${gradeRowOf(S2.id, '高等数学')}`)],
          students: { '210102': { average: baseAverage(S2.id), countedCourses: 3 } },
        }),
      }, { roster }),
    );
  }

  // Duplicate 学号 in the roster.
  {
    const roster = rosterSheet();
    roster.rows.push(['0210104', '蓝四海', MAJOR_A, `${COHORT}级`, '机电工程学院']);
    add(school('07-duplicate-id', { ...bad('名册中同一学号出现两次（第5行和第11行）', [], [at('DUPLICATE_ID', R, 'A5'), at('DUPLICATE_ID', R, 'A11')]) }, { roster }));
  }

  // Grades of a student who is not in the roster; a roster student with no grade at all.
  {
    const lonely = STUDENTS[8] as BaseStudent;
    const grades = gradesSheet((g) => (g.student.id === lonely.id ? null : g.cells));
    grades.rows.push(['0210999', '路人甲', '高等数学', 80, 1, '正考'], ['0210999', '路人甲', '大学英语', 81, 2, '正考']);
    const unknownRow = grades.rows.length - 1;
    add(
      school('08-unknown-and-gradeless-students', {
        ...ok('成绩表有名册中没有的学号；名册中一名学生没有任何成绩', [], {
          warnings: [at('UNKNOWN_STUDENT', G, `A${unknownRow}`), at('STUDENT_NO_GRADES', R, 'A10')],
          students: { [lonely.id]: { average: '0.00', eligible: false } },
        }),
      }, { grades }),
    );
  }

  // Scores as text, full-width digits, a trailing 分, one decimal.
  {
    const forms: Record<string, Cell> = { 高等数学: '85', 大学英语: '８５', 机械制图: '85分' };
    const grades = gradesSheet((g) => {
      if (g.student.id === S1.id) return [...g.cells.slice(0, 3), forms[g.course] ?? null, ...g.cells.slice(4)];
      if (g.student.id === S3.id && g.course === '高等数学') return [...g.cells.slice(0, 3), 85.5, ...g.cells.slice(4)];
      if (g.student.id === S3.id && g.course === '大学英语') return [...g.cells.slice(0, 3), ' 90.25 ', ...g.cells.slice(4)];
      return g.cells;
    });
    add(
      school('09-score-forms', {
        ...ok('成绩为文本“85”、全角“８５”、“85分”、85.5、带空格的“ 90.25 ”', [], {
          students: {
            [S1.id]: { average: avg([85, 85, 85]) },
            [S3.id]: { average: baseAverage(S3.id, { 高等数学: 85.5, 大学英语: 90.25 }) },
          },
        }),
      }, { grades }),
    );
  }

  const scoreCase = (id: string, description: string, value: Cell, code: string) => {
    const grades = gradesSheet((g) => (g.student.id === S3.id && g.course === '大学英语' ? [...g.cells.slice(0, 3), value, ...g.cells.slice(4)] : g.cells));
    add(school(id, bad(description, [], [at(code, G, `D${gradeRowOf(S3.id, '大学英语')}`)]), { grades }));
  };
  scoreCase('10-score-negative', '成绩为 -5', -5, 'SCORE_OUT_OF_RANGE');
  scoreCase('11-score-over-100', '成绩为 105', 105, 'SCORE_OUT_OF_RANGE');
  scoreCase('12-score-na', '成绩为错误值 #N/A', { error: '#N/A' }, 'CELL_ERROR');
  scoreCase('13-score-formula-error', '成绩为公式，其结果是 #DIV/0!', { formula: 'B2/0', result: { error: '#DIV/0!' } }, 'CELL_ERROR');
  scoreCase('14-score-unreadable-text', '成绩为“八十五”', '八十五', 'BAD_SCORE');
  scoreCase('15-score-as-date', '成绩单元格是日期（格式被改成了日期）', new Date(Date.UTC(1900, 2, 25)), 'BAD_SCORE');

  // Formulas with cached results.
  {
    const grades = gradesSheet((g) => {
      if (g.student.id !== S1.id) return g.cells;
      const v = g.cells[3] as number;
      return [...g.cells.slice(0, 3), { formula: `ROUND(${v}+0.4,0)`, result: v }, ...g.cells.slice(4)];
    });
    add(school('16-score-formulas', { ...ok('成绩是公式（ExcelJS 公式单元格，带缓存结果）：按结果计算', []), sameAsBaseline: true }, { grades }));
  }

  // Dates as text, as serial numbers and as date cells; a 学籍异动 student's late grades do not count.
  {
    const roster = rosterSheet({ header: ['学籍异动'], values: (s) => [s.id === S3.id ? '休学' : '否'] });
    const header = [...GRADE_HEADER, '成绩日期'];
    const grades = gradesSheet((g) => {
      let d: Cell = new Date(Date.UTC(2023, 0, 10 + g.k));
      if (g.student.id === S3.id) {
        if (g.course === '高等数学') d = '2024-03-19';
        else if (g.course === '大学英语') d = { v: 45370, fmt: 'General' }; // serial of 2024-03-19
        else d = new Date(Date.UTC(2024, 2, 18)); // on the cutoff: counts
      } else if (g.student.id === S1.id) {
        d = g.k === 0 ? '2024年3月1日' : g.k === 1 ? { v: 45369, fmt: 'General' } : '2024/3/18';
      }
      return [...g.cells, d];
    }, header);
    add(
      school('17-date-forms', {
        ...ok('成绩日期为文本（2024-03-19、2024年3月1日、2024/3/18）、序列号（45369/45370）和日期单元格；学籍异动学生截止日后的成绩不计', [], {
          infos: [at('AFTER_CUTOFF', R, 'A4')],
          students: { [S3.id]: { countedCourses: 1, average: avg([baseScore(2, 2)]) }, [S1.id]: { countedCourses: 3, average: baseAverage(S1.id) } },
        }),
      }, { roster, grades }),
    );
  }
  {
    const grades = gradesSheet((g) => [...g.cells, g.student.id === S1.id && g.k === 1 ? '2024-02-30' : '2023-07-01'], [...GRADE_HEADER, '成绩日期']);
    add(school('18-bad-date', bad('成绩日期“2024-02-30”不存在', [], [at('BAD_DATE', G, `G${gradeRowOf(S1.id, '大学英语')}`)]), { grades }));
  }

  // Every term format of SPEC §1.2, and no plan sheet: term decides what is inferred (term 6 is out).
  {
    const forms = (k: number, id: string): Cell => {
      const i = STUDENTS.findIndex((s) => s.id === id);
      const variants: Cell[][] = [
        [1, '第2学期', '第三学期'],
        ['1', '2', '3'],
        ['2021-2022-1', '2021-2022-2', '2022-2023-1'],
        ['2021-2022学年第1学期', '2021-2022学年第二学期', '2022-2023学年第1学期'],
        ['第1学期', 2, '2022—2023—1'],
      ];
      return (variants[i % variants.length] as Cell[])[k] ?? null;
    };
    const grades = gradesSheet((g) => [...g.cells.slice(0, 4), forms(g.k, g.student.id), g.cells[5] ?? null]);
    // A term-6 course taken by everybody of 机电一体化技术: not inferred into the plan.
    for (const s of STUDENTS.filter((x) => x.major === MAJOR_A)) grades.rows.push([s.id, s.name, '岗位实习', 70, '2023-2024-2', '正考']);
    add(
      school('19-term-formats', {
        ...ok('学期写法：1、“1”、第2学期、第三学期、2021-2022-1、2021-2022学年第二学期、长破折号；没有教学计划（推断，第6学期的课程不计）', [], {
          warnings: [at('PLAN_INFERRED', R, 'A2'), at('PLAN_INFERRED', R, 'A7')],
          infos: [],
          students: Object.fromEntries(STUDENTS.map((s) => [s.id, { countedCourses: 3, average: baseAverage(s.id) }])),
        }),
      }, { grades, plan: null }),
    );
  }
  {
    const grades = gradesSheet((g) => (g.student.id === S1.id && g.k === 2 ? [...g.cells.slice(0, 4), '2022-2024-1', g.cells[5] ?? null] : g.cells));
    add(school('20-bad-term', bad('学期“2022-2024-1”学年不连续', [], [at('BAD_TERM', G, `E${gradeRowOf(S1.id, '机械制图')}`)]), { grades }));
  }

  // Unknown 考试性质.
  {
    const grades = gradesSheet((g) => (g.student.id === S1.id && g.k === 0 ? [...g.cells.slice(0, 5), '正常考'] : g.cells));
    add(school('21-unknown-attempt-kind', ok('考试性质“正常考”无法识别：警告并按正考处理', [], { warnings: [at('UNKNOWN_VALUE', G, `F${gradeRowOf(S1.id, '高等数学')}`)], sameAsBaseline: true }), { grades }));
  }

  // Two first sittings of the same course.
  {
    const grades = gradesSheet();
    grades.rows.push([S1.id, S1.name, '高等数学', 50, 1, '正考']);
    const row = grades.rows.length;
    add(
      school('22-two-first-sittings', {
        ...ok('同一课程两条正考成绩（第二条 50 分）：警告，按规则取一条', [], {
          warnings: [at('DUPLICATE_FIRST_SITTING', G, `D${gradeRowOf(S1.id, '高等数学')}`)],
        }),
      }, { grades }),
    );
    void row;
  }

  // A plan course nobody took (name typo in the plan: 高等数学Ⅰ).
  {
    const plan = planSheet([{ major: MAJOR_B, course: '经济法基础', term: 2 }]);
    const planRow = plan.rows.length;
    add(
      school('23-plan-course-nobody-took', {
        ...ok('教学计划中有一门课（经济法基础）该专业没有任何学生有成绩：多为课程名称不一致，应警告并指向计划表的那一格', [], {
          warnings: [at('PLAN_COURSE_UNTAKEN', '教学计划', `B${planRow}`)],
          students: { '0210201': { eligible: false, missingCourses: ['经济法基础'] } },
        }),
      }, { plan }),
    );
  }

  // Awards: one for an unknown 学号.
  {
    const awards: SheetSpec = {
      name: '获奖',
      rows: [
        ['学号', '姓名', '类别', '项目名称', '级别', '等次', '审核结果'],
        [S3.id, S3.name, '广西职业院校技能大赛', '机器人系统集成', '自治区级', '一等奖', '通过'],
        ['0219999', '不存在', '广西职业院校技能大赛', '会计技能', '自治区级', '二等奖', '通过'],
      ],
      textCols: [1],
    };
    add(school('24-award-unknown-id', ok('获奖表中一条记录的学号不在名册中', [], { warnings: [at('UNKNOWN_STUDENT', '获奖', 'A3')], students: { [S3.id]: { direct: true, priority: true } } }), { extra: [awards] }));
  }

  // 志愿 naming no programme of the 对口招录计划.
  {
    const roster = rosterSheet({
      header: ['报名状态', '志愿1', '志愿2'],
      values: (s) => ['已报名', s.id === S3.id ? '广西科技大学/机器人工程' : s.major === MAJOR_A ? '广西科技大学/机械设计制造及其自动化' : '桂林电子科技大学/会计学', null],
    });
    const seats: SheetSpec = {
      name: '对口招录计划',
      rows: [
        ['本科院校', '本科专业', '高职专业', '计划数'],
        ['广西科技大学', '机械设计制造及其自动化', MAJOR_A, 2],
        ['桂林电子科技大学', '会计学', MAJOR_B, 2],
      ],
    };
    add(
      school('25-wish-not-in-plan', {
        ...ok('被推荐学生（组内第一）的志愿“广西科技大学/机器人工程”不在对口招录计划中：警告指向该志愿单元格', [], {
          warnings: [at('WISH_NOT_IN_PLAN', R, 'G4'), at('NO_SEAT_FOR_WISHES', R, 'A4')],
          students: { [S3.id]: { status: 'recommended_quota', allocation: null } },
        }),
      }, { roster, extra: [seats] }),
    );
  }

  // Two sheets that both look like a roster: a stale copy (same students) — every 学号 duplicated.
  {
    const copy = rosterSheet(null, '名册(旧)');
    copy.rows = copy.rows.slice(0, 3);
    add(
      school('26-two-rosters-overlap', {
        ...bad('两张工作表都像学生名册（“名册(旧)”是旧副本）：重复的学号在两处都报错', [], [
          at('DUPLICATE_ID', R, 'A2'),
          at('DUPLICATE_ID', R, 'A3'),
          at('DUPLICATE_ID', '名册(旧)', 'A2'),
          at('DUPLICATE_ID', '名册(旧)', 'A3'),
        ]),
      }, { extra: [copy] }),
    );
  }
  // Two rosters that split the school (one per 二级学院): read as one table.
  {
    const all = rosterSheet();
    const a: SheetSpec = { name: '机电学院名册', rows: [all.rows[0] as Cell[], ...all.rows.slice(1, 6)], textCols: [1] };
    const b: SheetSpec = { name: '财经学院名册', rows: [['学院：财经学院'], all.rows[0] as Cell[], ...all.rows.slice(6)], textCols: [1] };
    add(school('27-two-rosters-split', { ...ok('两张名册（每个二级学院一张，其中一张有标题行）合并为一张表', []), sameAsBaseline: true }, { roster: a, extra: [b] }));
  }

  // An empty sheet and a notes sheet: left alone.
  add(school('28-empty-sheet', { ...ok('工作簿中有一张空工作表和一张“填表说明”', [], { infos: [atRow('UNKNOWN_SHEET', '填表说明', 1)] }), sameAsBaseline: true }, { extra: [{ name: 'Sheet2', rows: [] }, { name: '填表说明', rows: [['请按模板填写'], ['学号请设为文本格式']] }] }));

  // A roster with a header and no student.
  {
    const roster: SheetSpec = { name: R, rows: [ROSTER_HEADER] };
    add(school('29-empty-roster', bad('学生名册只有表头没有学生：应报错并指向名册表头', [], [atRow('EMPTY_ROSTER', R, 1)], { warnings: [] }), { roster }));
  }

  // Hidden rows: read (they count), with an info.
  {
    const grades = gradesSheet();
    grades.hiddenRows = [3, 4];
    add(school('30-hidden-rows', { ...ok('成绩表有隐藏行：隐藏行同样参与计算，并提示', [], { infos: [atRow('HIDDEN_ROWS', G, 3)] }), sameAsBaseline: true }, { grades }));
  }

  // CSV grades: GBK, tab-delimited (UTF-16 "Unicode text"), semicolon (UTF-8 with BOM), UTF-8 tab.
  const schoolNoGrades = () => xlsx(SCHOOL, [rosterSheet(), planSheet()]);
  const csvCase = (id: string, description: string, name: string, bytes: Buffer) =>
    add({ id, files: [schoolNoGrades(), { name, bytes }], expected: { ...ok(description, [SCHOOL, name]), sameAsBaseline: true } });
  csvCase('31-csv-gbk', '成绩为 GBK（GB18030）编码的 CSV（中文 Excel 默认保存方式）', '成绩.csv', encodeGb18030(csvText(gradesCsvRows())));
  csvCase('32-csv-tab', '成绩为制表符分隔的 CSV（UTF-8，无 BOM）', '成绩.csv', Buffer.from(csvText(gradesCsvRows(), '\t'), 'utf8'));
  csvCase('33-csv-semicolon', '成绩为分号分隔的 CSV（UTF-8 带 BOM）', '成绩.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(gradesCsvRows(), ';'), 'utf8')]));
  csvCase('34-csv-utf16-tab', '成绩为 Excel“Unicode 文本”（UTF-16LE、制表符分隔）', '成绩.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(gradesCsvRows(), '\t'), 'utf16le')]));
  // A roster CSV: leading zeros must survive (CSV values are text).
  add({
    id: '35-csv-roster-leading-zeros',
    files: [
      { name: '名册.csv', bytes: encodeGb18030(csvText([['2021级学生名册'], ROSTER_HEADER, ...rosterRows()])) },
      { name: '成绩.csv', bytes: Buffer.from(csvText(gradesCsvRows()), 'utf8') },
      xlsx('计划.xlsx', [planSheet()]),
    ],
    expected: { ...ok('名册和成绩都是 CSV（名册 GBK 带标题行）：学号的前导0保留', ['名册.csv', '成绩.csv', '计划.xlsx']), sameAsBaseline: true },
  });

  // Files that are not spreadsheets.
  add({ id: '36-not-a-spreadsheet', files: [{ name: '成绩.xlsx', bytes: Buffer.from('这不是工作簿，只是一段文字。\n', 'utf8') }, schoolNoGrades()], expected: bad('扩展名是 .xlsx 的文本文件', ['成绩.xlsx', SCHOOL], [at('UNREADABLE_FILE', null, null), at('NO_GRADES_SHEET', null, null)]) });
  {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    add({ id: '37-binary-csv', files: [schoolNoGrades(), { name: '成绩.csv', bytes: png }], expected: bad('扩展名是 .csv 的图片文件', [SCHOOL, '成绩.csv'], [at('UNREADABLE_FILE', null, null), at('NO_GRADES_SHEET', null, null)]) });
  }
  {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    add({ id: '38-old-xls-renamed', files: [{ name: '名册.xlsx', bytes: ole }], expected: bad('Excel 97-2003 (.xls) 文件改成了 .xlsx 扩展名', ['名册.xlsx'], [at('UNREADABLE_FILE', null, null), at('NO_ROSTER', null, null)]) });
  }

  // A required column missing; a repeated header and a footer in a merged export.
  {
    const grades = gradesSheet((g) => [g.cells[0] ?? null, g.cells[1] ?? null, g.cells[2] ?? null, g.cells[4] ?? null], ['学号', '姓名', '课程名称', '学期']);
    add(school('39-missing-score-column', bad('成绩表缺少“成绩”列（表头为 学号、姓名、课程名称、学期）', [], [atRow('MISSING_COLUMN', G, 1)], { warnings: [] }), { grades }));
  }
  {
    const grades = gradesSheet();
    grades.rows.splice(14, 0, [...GRADE_HEADER]);
    grades.rows.push([], ['制表人：教务科'], ['审核人：']);
    add(school('40-repeated-header-and-footer', { ...ok('合并导出：中间重复的表头行、表尾的“制表人/审核人”', [], { infos: [atRow('SKIPPED_ROW', G, grades.rows.length - 1), atRow('SKIPPED_ROW', G, grades.rows.length)] }), sameAsBaseline: true }, { grades }));
  }

  // 五级制, 二级制 and marks.
  {
    const grades = gradesSheet((g) => {
      if (g.student.id === S1.id) return [...g.cells.slice(0, 3), ['优秀', '合格', '良好'][g.k] ?? null, ...g.cells.slice(4)];
      if (g.student.id === S3.id && g.k === 1) return [...g.cells.slice(0, 3), '免修', ...g.cells.slice(4)];
      return g.cells;
    });
    add(
      school('41-grade-words', {
        ...ok('五级制（优秀、良好）、二级制（合格）和免修', [], {
          students: { [S1.id]: { average: avg([95, 75, 85]) }, [S3.id]: { countedCourses: 2, average: avg([baseScore(2, 0), baseScore(2, 2)]) } },
        }),
      }, { grades }),
    );
  }

  // 姓名 in the grades differs from the roster.
  {
    const grades = gradesSheet((g) => (g.student.id === S1.id && g.k === 2 ? [g.cells[0] ?? null, '韦一明', ...g.cells.slice(2)] : g.cells));
    add(school('42-name-mismatch', { ...ok('成绩表中的姓名与名册不一致（韦一明/韦一鸣）', [], { warnings: [at('NAME_MISMATCH', G, `B${gradeRowOf(S1.id, '机械制图')}`)] }), sameAsBaseline: true }, { grades }));
  }

  // 年级 written as the graduation year.
  {
    const roster = rosterSheet();
    (roster.rows[4] as Cell[])[3] = '2024届';
    add(school('43-bad-cohort', bad('年级写成毕业届别“2024届”', [], [at('BAD_COHORT', R, 'D5')], { warnings: [at('SMALL_GROUP', R, 'A2')] }), { roster }));
  }

  // Grade rows split over two sheets (by semester) + an empty score (warning).
  {
    const all = gradesSheet();
    const first = all.rows.slice(1).filter((r) => r[4] === 1 || r[4] === 2);
    const second = all.rows.slice(1).filter((r) => r[4] === 3);
    add(school('44-grades-split-by-term', { ...ok('成绩分两张表（第1–2学期、第3学期）', []), sameAsBaseline: true }, { grades: { name: '成绩(1-2学期)', rows: [GRADE_HEADER, ...first], textCols: [1] }, extra: [{ name: '成绩(3学期)', rows: [GRADE_HEADER, ...second], textCols: [1] }] }));
  }
  {
    const grades = gradesSheet((g) => (g.student.id === S1.id && g.k === 0 ? [...g.cells.slice(0, 3), null, ...g.cells.slice(4)] : g.cells));
    add(school('45-empty-score', ok('一条成绩行的成绩为空：警告，该课程按缺成绩处理', [], { warnings: [at('EMPTY_SCORE', G, `D${gradeRowOf(S1.id, '高等数学')}`)], students: { [S1.id]: { eligible: false, missingCourses: ['高等数学'] } } }), { grades }));
  }
  {
    // 学号 with stray spaces and full-width digits in the grades: still the same student.
    const grades = gradesSheet((g) => (g.student.id === S1.id ? [g.k === 0 ? ` ${S1.id} ` : g.k === 1 ? '０２１０１０１' : S1.id, ...g.cells.slice(1)] : g.cells));
    add(school('46-id-spaces-fullwidth', { ...ok('成绩表学号带空格、全角数字', []), sameAsBaseline: true }, { grades }));
  }
  {
    // 学号 stored as numbers but shown with a "0000000" format: Excel shows 0210101, so must we.
    const roster = rosterSheet();
    roster.rows = roster.rows.map((r, i) => (i === 0 ? r : [{ v: Number(r[0]), fmt: '0000000' }, ...r.slice(1)]));
    add(school('47-ids-number-with-zero-format', { ...ok('名册学号是数字但单元格格式为“0000000”（显示有前导0）：按显示的学号对应成绩', []), sameAsBaseline: true }, { roster }));
  }
  {
    // 专业 and 二级学院 merged vertically over each major's block of students (a hand-made roster).
    const roster = rosterSheet();
    roster.rows = roster.rows.map((r, i) => (i === 0 || i === 1 || i === 6 ? r : [r[0] ?? null, r[1] ?? null, null, r[3] ?? null, null]));
    roster.merges = ['C2:C6', 'E2:E6', 'C7:C10', 'E7:E10'];
    add(school('48-merged-cells-in-data', { ...ok('名册中“专业”“二级学院”按专业纵向合并单元格（手工名册常见）：合并区域的值属于区域内每一行', [], { infos: [atRow('MERGED_CELLS_FILLED', R, 2)] }), sameAsBaseline: true }, { roster }));
  }
  {
    // The same 专业 written with a trailing space / full-width space, 年级 as 2021, "2021", "2021级".
    const roster = rosterSheet();
    roster.rows = roster.rows.map((r, i) => {
      if (i === 0) return r;
      const major = i === 2 ? `${String(r[2])} ` : i === 7 ? `${String(r[2])}\u3000` : r[2] ?? null;
      const cohort: Cell = i % 3 === 0 ? COHORT : i % 3 === 1 ? String(COHORT) : `${COHORT}级`;
      return [r[0] ?? null, r[1] ?? null, major, cohort, r[4] ?? null];
    });
    add(school('49-major-spaces-cohort-forms', { ...ok('同一专业名称末尾多了空格/全角空格；年级写成 2021、“2021”、“2021级”：仍是同一排名组', []), sameAsBaseline: true }, { roster }));
  }
  {
    // A formula saved without a cached result (written by a script, not by Excel): unknown ≠ empty.
    const grades = gradesSheet((g) => (g.student.id === S3.id && g.k === 0 ? [...g.cells.slice(0, 3), { formula: 'AVERAGE(H2:J2)', result: null }, ...g.cells.slice(4)] : g.cells));
    add(school('50-formula-without-result', bad('成绩单元格是没有计算结果的公式（脚本生成的文件）：不能当作空成绩', [], [at('CELL_ERROR', G, `D${gradeRowOf(S3.id, '高等数学')}`)]), { grades }));
  }
  hostileCases().forEach(add);
  return list;
}

/**
 * Issue 14: broken and hostile files, each ending as SPEC §1.6/§4 says — the clean result (with a
 * warning where the input was unusual) or a located Chinese error, never a crash or a silent wrong read.
 */
function hostileCases(): CaseDef[] {
  const list: CaseDef[] = [];
  const add = (c: CaseDef) => list.push(c);
  const schoolNoGrades = () => xlsx(SCHOOL, [rosterSheet(), planSheet()]);
  const GRADES_CSV = '成绩.csv';
  /** The grades CSV (UTF-8, CRLF) with line `n` (1-based, the header is line 1) replaced. */
  const csvWithLine = (n: number, line: (old: string) => string) => {
    const lines = csvText(gradesCsvRows()).split('\r\n');
    lines[n - 1] = line(lines[n - 1] as string);
    return lines.join('\r\n');
  };

  // ── CSV: quotes. Rule (src/hosts/csv/read.ts): inside quotes a field may hold delimiters, doubled
  // quotes and line breaks; a quote that never closes, a field over 50 lines, or a multi-line field
  // whose "closing" quote is followed by text is an error at the row where the field starts.
  add({
    id: '51-csv-unterminated-quote',
    files: [schoolNoGrades(), { name: GRADES_CSV, bytes: Buffer.from(csvWithLine(6, (l) => l.replace('大学英语', '"大学英语')), 'utf8') }],
    expected: bad('成绩 CSV 第6行的课程名以引号开头却没有配对的引号（原会把其后所有行并成一个字段、学生变少而不报错）：应在第6行报错', [SCHOOL, GRADES_CSV], [atRow('UNREADABLE_FILE', G, 6), at('NO_GRADES_SHEET', null, null)]),
  });
  add({
    id: '52-csv-stray-quotes-swallow-rows',
    files: [
      schoolNoGrades(),
      { name: GRADES_CSV, bytes: Buffer.from(csvWithLine(14, (l) => l.replace('莫五洲', '"莫五洲"')).replace('蓝四海,高等数学', '蓝四海,"高等数学'), 'utf8') },
    ],
    expected: bad('成绩 CSV 第11行一个多余的引号被第14行的引号“配对”（原会把第11–14行并成一个字段而不报错）：应在引号开始的第11行报错', [SCHOOL, GRADES_CSV], [atRow('UNREADABLE_FILE', G, 11), at('NO_GRADES_SHEET', null, null)]),
  });
  {
    const rows = gradesCsvRows().map((r, i) => [...r, i === 0 ? '备注' : i === 3 ? '第一行说明\r\n第二行说明，含逗号' : null]);
    add({
      id: '53-csv-multiline-quoted-note',
      files: [schoolNoGrades(), { name: GRADES_CSV, bytes: Buffer.from(csvText(rows), 'utf8') }],
      expected: { ...ok('成绩 CSV 的“备注”字段在引号内换行、含逗号（合法的 CSV）：正常读取', [SCHOOL, GRADES_CSV]), sameAsBaseline: true },
    });
  }
  {
    // One row typed in (or pasted from) a GBK file into a UTF-8 CSV: its bytes are not UTF-8.
    const lines = csvText(gradesCsvRows()).split('\r\n');
    const parts = lines.map((l, i) => (i === 7 ? encodeGb18030(l) : Buffer.from(l, 'utf8')));
    const bytes = Buffer.concat(parts.flatMap((b, i) => (i < parts.length - 1 ? [b, Buffer.from('\r\n')] : [b])));
    add({
      id: '54-csv-gbk-row-in-utf8',
      files: [schoolNoGrades(), { name: GRADES_CSV, bytes }],
      expected: bad('UTF-8 的成绩 CSV 中第8行是 GBK 编码（原会把整个文件按 GBK 读、表头乱码，错误信息不提文件和编码）：应指出文件、行和编码', [SCHOOL, GRADES_CSV], [atRow('UNREADABLE_FILE', G, 8), at('NO_GRADES_SHEET', null, null)]),
    });
  }
  {
    const long = 'x'.repeat(40_000);
    const rows = gradesCsvRows().map((r, i) => [...r, i === 0 ? '备注' : i === 4 ? long : null]);
    add({
      id: '55-csv-field-over-32767',
      files: [schoolNoGrades(), { name: GRADES_CSV, bytes: Buffer.from(csvText(rows), 'utf8') }],
      expected: bad('成绩 CSV 的一个字段有 40,000 个字符（超过 Excel 单元格上限 32,767）：该单元格报错', [SCHOOL, GRADES_CSV], [at('CELL_TOO_LONG', G, 'G5')]),
    });
  }

  // ── 学号 that lost leading zeros (SPEC §1.6): matched and reported, never missing grades.
  {
    const roster = rosterSheet();
    roster.rows = roster.rows.map((r, i) => (i === 0 ? r : [{ v: Number(r[0]), fmt: 'General' }, ...r.slice(1)]));
    add(
      school('56-roster-ids-numbers-grades-zeros', {
        ...ok('名册学号全是数字（0210101 → 210101），成绩表保留前导0（原会让所有学生 0.00 分、缺课、不符合条件）：按同一学生对应并警告（含人数）', [], {
          // The 学号 shown without zeros, the 会计 group's SMALL_GROUP warning names them so (not filtered as the usual one).
          warnings: [at('ID_ZEROS_MATCHED', G, 'A2'), at('SMALL_GROUP', R, 'A7')],
          students: Object.fromEntries(STUDENTS.map((st) => [String(Number(st.id)), { average: baseAverage(st.id), countedCourses: 3 }])),
        }),
      }, { roster }),
    );
  }

  // ── .xlsx written by other tools.
  {
    // openpyxl writes datetime cells as <c t="d"><v>2024-03-25T00:00:00</v></c>.
    const roster = rosterSheet({ header: ['学籍异动'], values: (st) => [st.id === S3.id ? '休学' : '否'] });
    const grades = gradesSheet((g) => {
      let d = new Date(Date.UTC(2023, 0, 10 + g.k));
      if (g.student.id === S3.id) d = [new Date(Date.UTC(2024, 2, 19)), new Date(Date.UTC(2024, 2, 25)), new Date(Date.UTC(2024, 2, 18))][g.k] as Date;
      return [...g.cells, d];
    }, [...GRADE_HEADER, '成绩日期']);
    add({
      id: '57-iso-date-cells',
      files: [xlsxPatched(SCHOOL, [roster, grades, planSheet()], { 'xl/worksheets/sheet2.xml': isoDateCells('G') })],
      expected: ok('成绩日期是 ISO 日期单元格 <c t="d"><v>2024-03-25T00:00:00</v></c>（openpyxl 等写出；原被读成 2024 → 1905-07-16，截止日失效）：按日期读取，学籍异动学生截止日后的成绩不计', [SCHOOL], {
        infos: [at('AFTER_CUTOFF', R, 'A4')],
        students: { [S3.id]: { countedCourses: 1, average: avg([baseScore(2, 2)]) }, [S1.id]: { countedCourses: 3, average: baseAverage(S1.id) } },
      }),
    });
  }
  add({
    id: '58-rows-and-cells-without-r',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet2.xml': (x) => x.replace(/(<(?:row|c)) r="[A-Z]*\d+"/gu, '$1') })],
    expected: { ...ok('成绩表的 <row>、<c> 没有 r 属性（OOXML 允许省略，按位置）：原读成空表“没有找到成绩表”', [SCHOOL]), sameAsBaseline: true },
  });
  add({
    id: '59-shared-string-out-of-range',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet2.xml': (x) => x.replace(/(<c r="C5"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/u, '$1999999$2') })],
    expected: bad('成绩!C5 引用了不存在的共享字符串（第 999999 号；原读成空白，随后写出时崩溃）：在该单元格报错', [SCHOOL], [at('UNREADABLE_FILE', G, 'C5'), at('NO_ROSTER', null, null)]),
  });
  add({
    id: '60-cell-address-off-grid',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet2.xml': (x) => x.replace('<c r="D6"', '<c r="XFE6"') })],
    expected: bad('成绩表一个单元格的地址是 XFE6（超出 Excel 的 XFD 列）：文件损坏，报错并指出位置', [SCHOOL], [atRow('UNREADABLE_FILE', G, 6), at('NO_ROSTER', null, null)]),
  });
  add(
    school('61-stray-cell-xfd1048576', {
      ...ok('一张 1 KB 的说明表在 XFD1048576 有一个单元格（原按 1,048,576 × 16,384 建表，内存耗尽）：按实际数据读取并警告', [], { warnings: [at('FAR_AWAY_CELLS', '说明', 'XFD1048576')] }),
      sameAsBaseline: true,
    }, { extra: [{ name: '说明', rows: [['本工作簿由教务科整理'], ...Array.from({ length: 1_048_574 }, () => []), [...Array.from({ length: 16_383 }, () => null), '误输入']] }] }),
  );
  {
    const roster = rosterSheet();
    (roster.rows[0] as Cell[])[16_383] = '备注：本列为最后一列';
    add(school('62-note-in-xfd1-no-room-for-results', bad('名册的 XFD1（最后一列）有一条备注：结果列无处可写（原在写出时崩溃，退出码 3）：写出时在该单元格报错，不写工作簿', [], [at('WRITE_FAILED', R, 'XFD1')]), { roster }));
  }
  {
    const grades = gradesSheet((g) => [...g.cells, g.student.id === S1.id && g.k === 1 ? 'x'.repeat(10_485_760) : null], [...GRADE_HEADER, '备注']);
    add(school('63-cell-10-million-characters', bad('成绩表一个备注单元格有 10,485,760 个字符（Excel 上限 32,767；原被原样复制到输出）：在该单元格报错', [], [at('CELL_TOO_LONG', G, `G${gradeRowOf(S1.id, '大学英语')}`)]), { grades }));
  }

  {
    // A UTF-8 CSV with a byte order mark and one GBK row: decoded as UTF-8, that row became U+FFFD.
    const lines = csvText(gradesCsvRows()).split('\r\n');
    const parts = lines.map((l, i) => (i === 4 ? encodeGb18030(l) : Buffer.from(l, 'utf8')));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...parts.flatMap((b, i) => (i < parts.length - 1 ? [b, Buffer.from('\r\n')] : [b]))]);
    add({
      id: '68-csv-bom-utf8-with-gbk-row',
      files: [schoolNoGrades(), { name: GRADES_CSV, bytes }],
      expected: bad('带 UTF-8 BOM 的成绩 CSV 中第5行是 GBK 编码（原被静默读成乱码“�”）：指出文件、行和编码', [SCHOOL, GRADES_CSV], [atRow('UNREADABLE_FILE', G, 5), at('NO_GRADES_SHEET', null, null)]),
    });
  }
  // A side sheet whose note is merged over the whole sheet (A1:XFD1048576: 17 billion cells).
  add({
    id: '69-merge-over-whole-sheet',
    files: [
      xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet(), { name: '说明', rows: [['本工作簿由教务科整理']] }], {
        'xl/worksheets/sheet4.xml': (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
      }),
    ],
    expected: bad('说明表的 A1 合并到了 XFD1048576（整张表，170 亿个单元格；原会按合并区域逐格建表）：在合并处报错，说明怎么办', [SCHOOL], [at('MERGE_TOO_BIG', '说明', 'A1')]),
  });

  add({
    id: '70-row-number-off-grid',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet2.xml': (x) => x.replace(/<row r="28"/u, '<row r="1048577"').replace(/<c r="([A-F])28"/gu, '<c r="$11048577"') })],
    expected: bad('成绩表最后一行的行号是 1048577（超出 Excel 的 1048576 行）：文件损坏，报错并指出位置', [SCHOOL], [atRow('UNREADABLE_FILE', G, 1_048_576), at('NO_ROSTER', null, null)]),
  });
  add({
    id: '71-claimed-dimension-whole-sheet',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet2.xml': (x) => x.replace(/<dimension ref="[^"]*"\/>/u, '<dimension ref="A1:XFD1048576"/>') })],
    expected: { ...ok('成绩表声明的范围是 A1:XFD1048576（整张表），实际只有 28 行：按实际数据读取，不按声明的大小建表', [SCHOOL]), sameAsBaseline: true },
  });
  add({
    id: '72-shared-string-index-not-a-number',
    files: [xlsxPatched(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()], { 'xl/worksheets/sheet1.xml': (x) => x.replace(/(<c r="B3"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/u, '$1abc$2') })],
    expected: bad('名册!B3 的共享字符串编号是“abc”（不是数字；原被读成空白）：在该单元格报错', [SCHOOL], [at('UNREADABLE_FILE', R, 'B3'), at('NO_ROSTER', null, null)]),
  });

  // ── A user's ZSB_META is an input like any other (only the tool's own meta sheet is not).
  const awardsRows: Cell[][] = [
    ['学号', '姓名', '类别', '项目名称', '级别', '等次', '审核结果'],
    [S3.id, S3.name, '广西职业院校技能大赛', '机器人系统集成', '自治区级', '一等奖', '通过'],
  ];
  add({
    id: '64-csv-named-zsb-meta',
    files: [xlsx(SCHOOL, [rosterSheet(), gradesSheet(), planSheet()]), { name: 'ZSB_META.csv', bytes: Buffer.from(csvText(awardsRows), 'utf8') }],
    expected: ok('获奖表是名为 ZSB_META.csv 的 CSV（原被静默忽略，获奖丢失）：照常读取', [SCHOOL, 'ZSB_META.csv'], { students: { [S3.id]: { direct: true, priority: true } } }),
  });
  add(school('65-user-sheet-named-zsb-meta', ok('用户自己的工作表名为 ZSB_META（可见，存获奖）：照常读取，不当作本工具的设置表', [], { students: { [S3.id]: { direct: true, priority: true } } }), { extra: [{ name: 'ZSB_META', rows: awardsRows, textCols: [1] }] }));

  // ── Damaged files: a Chinese message naming the file and what to do, never English internals.
  add({
    id: '66-truncated-zip',
    files: [schoolNoGrades(), { name: '成绩.xlsx', bytes: xlsxBytes([gradesSheet()]).then((b) => b.subarray(0, Math.floor(b.length / 2))) }],
    expected: bad('成绩.xlsx 只下载了一半（zip 缺少中央目录；原信息为英文“Corrupted zip”）：中文说明文件损坏和怎么办', [SCHOOL, '成绩.xlsx'], [at('UNREADABLE_FILE', null, null), at('NO_GRADES_SHEET', null, null)]),
  });
  add({
    id: '67-xml-undefined-entity',
    files: [schoolNoGrades(), xlsxPatched('成绩.xlsx', [gradesSheet()], { 'xl/sharedStrings.xml': (x) => x.replace('<t>高等数学</t>', '<t>高等数学&bogus;</t>') })],
    expected: bad('成绩.xlsx 的共享字符串 XML 中有未定义的实体 &bogus;（原信息为英文“undefined entity”）：中文说明', [SCHOOL, '成绩.xlsx'], [at('UNREADABLE_FILE', null, null), at('NO_GRADES_SHEET', null, null)]),
  });
  return list;
}

// ───────────────────────────── main ─────────────────────────────

export async function makeCorpus(outDir: string): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const ids: string[] = [];
  for (const c of cases()) {
    const dir = path.join(outDir, c.id);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of c.files) fs.writeFileSync(path.join(dir, f.name), await f.bytes);
    fs.writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify(c.expected, null, 2)}\n`, 'utf8');
    ids.push(c.id);
  }
  return ids;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? path.resolve(__dirname, '..', 'test', 'fixtures', 'corpus');
  makeCorpus(outDir).then(
    (ids) => console.log(`已生成 ${ids.length} 个用例：${outDir}`),
    (err: unknown) => {
      console.error('生成用例失败：', err);
      process.exitCode = 1;
    },
  );
}
