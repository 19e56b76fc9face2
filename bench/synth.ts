/**
 * Deterministic synthetic school for benchmarks: `students` graduates of cohort 2021 in majors of 40–60,
 * `courses` plan courses each over terms 1–5, ~10 % of attempts failing with a 补考/重修 row after them.
 * Produces the input sheets as RawTables (what every host hands to the pipeline).
 */
import type { CellValue, RawTable } from '../src/sheets/table';
import { mulberry32 } from '../scripts/mulberry32';

/** The benchmark's seeded PRNG (the same one the sample generator uses). */
export const rng = mulberry32;

export interface SynthOptions {
  students: number;
  courses: number;
  seed?: number;
  /** Share of first sittings below 60 (each gets a later attempt). */
  failRate?: number;
  /**
   * Real-shaped grade rows (issue 17): shuffled (exports are sorted by course or class, not by student)
   * and the term written as the academic term text the 教务系统 export ("2022-2023-1"), not a number.
   */
  realShape?: boolean;
}

/** "2021-2022-1" for programme term 1 of cohort 2021 (the academic term an export writes). */
function academicTerm(cohort: number, term: number): string {
  const start = cohort + Math.floor((term - 1) / 2);
  return `${start}-${start + 1}-${((term - 1) % 2) + 1}`;
}

export interface SynthSchool {
  roster: RawTable;
  grades: RawTable;
  plan: RawTable;
  seats: RawTable;
  attemptRows: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力飞鑫波宇浩凯晨欣怡佳琪雨婷子涵俊豪';

/**
 * The same text as a flat string. Template literals make V8 "cons strings" (a pair of pointers) that are
 * flattened, with an allocation, the first time they are hashed; the hosts' readers never hand those over
 * (the CSV reader cuts fields out with slice(), ExcelJS reads each shared string once), so neither does
 * the benchmark. Like an .xlsx's shared strings, one text object is reused for every cell that shows it.
 */
function flat(s: string): string {
  return ` ${s}`.slice(1);
}

export function synthesize(opts: SynthOptions): SynthSchool {
  const rand = rng(opts.seed ?? 20240318);
  const failRate = opts.failRate ?? 0.1;
  const majorsCount = Math.max(1, Math.round(opts.students / 50));
  const majors = Array.from({ length: majorsCount }, (_, i) => flat(`专业${String(i + 1).padStart(3, '0')}`));
  const courseNames = Array.from({ length: opts.courses }, (_, c) => flat(`课程${c + 1}`));
  const codes = new Map(majors.map((m) => [m, courseNames.map((_, c) => flat(`K${m.slice(2)}${String(c + 1).padStart(2, '0')}`))]));
  const dates = new Map<string, string>();
  const dateText = (s: string) => dates.get(s) ?? (dates.set(s, flat(s)), dates.get(s) as string);

  const planRows: CellValue[][] = [['专业', '年级', '课程代码', '课程名称', '学期', '考核方式', '计入平均分']];
  for (const m of majors) {
    for (let c = 0; c < opts.courses; c++) {
      planRows.push([m, 2021, codes.get(m)?.[c] ?? '', courseNames[c], (c % 5) + 1, c % 3 === 0 ? '考查' : '考试', '是']);
    }
  }

  const rosterRows: CellValue[][] = [['学号', '姓名', '专业', '年级', '二级学院', '报名状态', '放弃证明', '志愿1', '志愿2']];
  const gradeRows: CellValue[][] = [['学号', '姓名', '课程代码', '课程名称', '成绩', '学期', '考试性质', '成绩日期']];
  const seatRows: CellValue[][] = [['本科院校', '本科专业', '高职专业', '计划数', '年级']];
  for (const m of majors) {
    seatRows.push(['示例理工大学', flat(`${m}本科`), m, 6, 2021]);
    seatRows.push(['示例师范学院', flat(`${m}方向`), m, 4, 2021]);
  }

  const termTexts = Array.from({ length: 13 }, (_, t) => flat(academicTerm(2021, t)));
  let attempts = 0;
  for (let s = 0; s < opts.students; s++) {
    const major = majors[s % majorsCount];
    const id = flat(`2021${String(s + 1).padStart(6, '0')}`);
    const name = flat(SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : ''));
    const r = rand();
    const registration = r < 0.55 ? '报名' : r < 0.65 ? '放弃' : '未报名';
    rosterRows.push([id, name, major, 2021, flat(`学院${(s % 7) + 1}`), registration, registration === '放弃' && rand() < 0.5 ? '有' : '', flat(`示例理工大学/${major}本科`), flat(`示例师范学院/${major}方向`)]);
    const ability = 60 + rand() * 35;
    for (let c = 0; c < opts.courses; c++) {
      const term = (c % 5) + 1;
      const code = codes.get(major)?.[c] ?? '';
      const date = dateText(`${2021 + Math.floor(term / 2)}-${term % 2 === 1 ? '01' : '06'}-15`);
      let score = Math.round((ability + (rand() - 0.5) * 20) * 10) / 10;
      const fails = rand() < failRate;
      if (fails) score = Math.round(30 + rand() * 29);
      score = Math.max(0, Math.min(100, score));
      const termCell: CellValue = opts.realShape ? termTexts[term] ?? '' : term;
      gradeRows.push([id, name, code, courseNames[c], score, termCell, '正考', date]);
      attempts++;
      if (fails) {
        gradeRows.push([id, name, code, courseNames[c], Math.round(55 + rand() * 30), termCell, rand() < 0.7 ? '补考' : '重修', dateText(`${2021 + Math.floor(term / 2)}-09-01`)]);
        attempts++;
      }
    }
  }

  if (opts.realShape) {
    // Fisher–Yates over the data rows (the header stays first), from the same seeded generator.
    for (let i = gradeRows.length - 1; i > 1; i--) {
      const j = 1 + Math.floor(rand() * i);
      [gradeRows[i], gradeRows[j]] = [gradeRows[j] as CellValue[], gradeRows[i] as CellValue[]];
    }
  }
  const table = (sheet: string, rows: CellValue[][]): RawTable => ({ sheet, originRow: 1, originCol: 1, rows });
  return {
    roster: table('学生名册', rosterRows),
    grades: table('成绩', gradeRows),
    plan: table('教学计划', planRows),
    seats: table('对口招录计划', seatRows),
    attemptRows: attempts,
  };
}
