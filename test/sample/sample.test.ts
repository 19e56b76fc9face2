/**
 * The bundled sample school (assets/sample/): regenerating it gives the same data, and the committed
 * files really contain every deliberate case that assets/sample/README.md promises.
 * These tests read the committed files; they never run the engine.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  CUTOFF,
  GRADE_HEADERS,
  GROUPS,
  MAJORS,
  ROSTER_HEADERS,
  ROSTER_HEADER_VARIANTS,
  SAMPLE_FILES,
  SCENARIOS,
  buildSchool,
  generateSample,
  idCheckDigit,
  line60Of,
  quotaOf,
  type School,
  type StudentRecord,
} from '../../scripts/generate-sample';

const SAMPLE_DIR = path.resolve(__dirname, '..', '..', 'assets', 'sample');

type Value = string | number | boolean | null;

/** A cell value as plain data: dates as yyyy-mm-dd, rich text / formulas by their text / result. */
function plain(v: ExcelJS.CellValue): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    throw new Error(`unexpected cell value ${JSON.stringify(v)}`);
  }
  return v;
}

async function readBook(file: string): Promise<Map<string, Value[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, Value[][]>();
  for (const ws of wb.worksheets) {
    // rowCount / columnCount are getters that scan the sheet: read them once.
    const rowCount = ws.rowCount;
    const columnCount = ws.columnCount;
    const rows: Value[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const vals: Value[] = [];
      for (let c = 1; c <= columnCount; c++) vals.push(plain(row.getCell(c).value));
      rows.push(vals);
    }
    out.set(ws.name, rows);
  }
  return out;
}

/** Rows of a sheet as objects keyed by canonical header, starting below the row holding `firstHeader`. */
function table(rows: Value[][], headerAliases: Record<string, string>, firstHeader: string): Record<string, Value>[] {
  const hi = rows.findIndex((r) => r.some((v) => v === firstHeader));
  if (hi < 0) throw new Error(`header ${firstHeader} not found`);
  const header = (rows[hi] as Value[]).map((h) => headerAliases[String(h)] ?? String(h));
  return rows.slice(hi + 1).filter((r) => r.some((v) => v !== null)).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
}

const serialToIso = (n: number): string => new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);
const gradeDate = (v: Value): string | null => (v === null ? null : typeof v === 'number' ? serialToIso(v) : String(v));

let school: School;
let book: Map<string, Value[][]>;
let roster: Record<string, Value>[];
let grades: Record<string, Value>[];
let awards: Record<string, Value>[];
let plan: Record<string, Value>[];
let seats: Record<string, Value>[];

const byCase = (id: string): StudentRecord => {
  const s = school.students.find((x) => x.scenario?.id === id);
  if (!s) throw new Error(`case ${id} not in the sample`);
  return s;
};
const gradesOf = (studentId: string): Record<string, Value>[] => grades.filter((g) => g['学号'] === studentId);
const rosterOf = (studentId: string): Record<string, Value> => {
  const r = roster.find((x) => x['学号'] === studentId);
  if (!r) throw new Error(`${studentId} not in the roster`);
  return r;
};

beforeAll(async () => {
  school = buildSchool();
  book = await readBook(path.join(SAMPLE_DIR, SAMPLE_FILES.workbook));
  roster = [];
  for (const [college, variant] of Object.entries(ROSTER_HEADER_VARIANTS)) {
    const aliases = Object.fromEntries(Object.entries(variant).map(([canon, syn]) => [syn, canon]));
    const rows = book.get(`学生名册-${college}`);
    if (!rows) throw new Error(`roster sheet of ${college} missing`);
    roster.push(...table(rows, aliases, variant['学号'] ?? '学号'));
  }
  grades = table(book.get('成绩') ?? [], { 总评成绩: '成绩', 开课学期: '学期' }, '学号');
  awards = table(book.get('获奖与荣誉') ?? [], {}, '学号');
  plan = table(book.get('教学计划') ?? [], {}, '专业');
  seats = table(book.get('对口招录计划') ?? [], {}, '本科院校');
}, 120000);

describe('regenerating the sample', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-sample-'));
    await generateSample(tmp);
  }, 180000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each([SAMPLE_FILES.workbook, SAMPLE_FILES.workbookNoGrades])('%s has the same sheets and cell values', async (file) => {
    const fresh = await readBook(path.join(tmp, file));
    const committed = file === SAMPLE_FILES.workbook ? book : await readBook(path.join(SAMPLE_DIR, file));
    expect([...fresh.keys()]).toEqual([...committed.keys()]);
    for (const [name, rows] of committed) expect({ sheet: name, rows: fresh.get(name) }).toEqual({ sheet: name, rows });
  }, 120000);

  test('the GB18030 CSV and the README are byte-identical', () => {
    for (const f of [SAMPLE_FILES.csv, SAMPLE_FILES.readme]) {
      expect(fs.readFileSync(path.join(tmp, f)).equals(fs.readFileSync(path.join(SAMPLE_DIR, f)))).toBe(true);
    }
  });

  test('the workbook without grades is the full workbook minus the 成绩 sheet', async () => {
    const noGrades = await readBook(path.join(SAMPLE_DIR, SAMPLE_FILES.workbookNoGrades));
    expect([...noGrades.keys()]).toEqual([...book.keys()].filter((n) => n !== '成绩'));
    for (const [name, rows] of noGrades) expect(rows).toEqual(book.get(name));
  }, 60000);
});

describe('the committed sample', () => {
  test('groups: about 250 students, 30–60 per major, sizes as in the README', () => {
    expect(roster).toHaveLength(GROUPS.reduce((a, g) => a + g.size, 0));
    expect(roster.length).toBeGreaterThanOrEqual(240);
    expect(new Set(roster.map((r) => r['学号'])).size).toBe(roster.length);
    for (const m of Object.keys(MAJORS)) {
      const n = roster.filter((r) => r['专业'] === m).length;
      expect(n).toBeGreaterThanOrEqual(30);
      expect(n).toBeLessThanOrEqual(60);
    }
    expect(roster.filter((r) => r['排名组'] === '天工班')).toHaveLength(10);
    expect(roster.filter((r) => r['培养类型'] === '扩招')).toHaveLength(20);
    expect(new Set(roster.map((r) => r['二级学院'])).size).toBe(3);
    // 学号 are text with leading zeros; 年级 written as 2021 and as 2021级.
    expect(roster.every((r) => typeof r['学号'] === 'string' && /^0\d{9}$/.test(r['学号'] as string))).toBe(true);
    expect(new Set(roster.map((r) => r['年级']))).toEqual(new Set([2021, '2021级']));
  });

  test('every README case is in the workbook under its 学号 and name', () => {
    const text = fs.readFileSync(path.join(SAMPLE_DIR, SAMPLE_FILES.readme), 'utf8');
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
    for (const sc of SCENARIOS) {
      const s = byCase(sc.id);
      expect(rosterOf(s.studentId)['姓名']).toBe(s.name);
      expect(text).toContain(`| ${s.studentId} | ${s.name} | ${sc.group} | ${sc.id} |`);
    }
  });

  test('privacy: invented 身份证号 (450203, valid check digit), 139 phones, 样本路 addresses', () => {
    for (const r of roster) {
      const id = String(r['身份证号']);
      expect(id).toMatch(/^450203(2002|1990)(\d\d)\2\d{3}[\dX]$/);
      expect(id[17]).toBe(idCheckDigit(id.slice(0, 17)));
      expect(String(r['手机号'])).toMatch(/^139\d{8}$/);
      expect(String(r['家庭住址'])).toMatch(/^广西柳州市示例区样本路\d+号$/);
    }
    expect(new Set(roster.map((r) => r['身份证号'])).size).toBe(roster.length);
  });

  test('a few students share a name', () => {
    const count = new Map<string, number>();
    for (const r of roster) count.set(String(r['姓名']), (count.get(String(r['姓名'])) ?? 0) + 1);
    expect(count.get('黄丽娟')).toBe(2);
    expect(count.get('韦志强')).toBe(2);
  });

  test('plan: 16 courses per major, 14 counted in terms 1–5, a term-6 course and a 计入平均分=否 course', () => {
    for (const m of Object.keys(MAJORS)) {
      const rows = plan.filter((p) => p['专业'] === m);
      expect(rows).toHaveLength(16);
      expect(rows.filter((p) => Number(p['学期']) <= 5 && p['计入平均分'] === '是')).toHaveLength(14);
      expect(rows.some((p) => p['学期'] === 6)).toBe(true);
      expect(rows.some((p) => p['计入平均分'] === '否')).toBe(true);
    }
    expect(plan.some((p) => p['课程代码'] === null)).toBe(true); // joined by name
    expect(plan.some((p) => /^0\d+$/.test(String(p['课程代码'])))).toBe(true);
    expect(plan.some((p) => /^[A-Z]+\d+$/.test(String(p['课程代码'])))).toBe(true);
  });

  test('grades: one row per attempt with every kind of value the 教务系统 exports', () => {
    const scores = grades.map((g) => g['成绩']);
    for (const word of ['优秀', '良好', '中等', '及格', '不及格', '合格', '不合格', '缺考', '免修', '缓考', '作弊']) {
      expect(scores).toContain(word);
    }
    expect(scores.some((s) => typeof s === 'number')).toBe(true);
    expect(scores.some((s) => typeof s === 'string' && /^\d+(\.\d+)?$/.test(s))).toBe(true); // text numbers
    const kinds = new Set(grades.map((g) => g['考试性质']));
    expect(kinds).toEqual(new Set(['正考', '补考', '重修', '缓考']));
    const terms = grades.map((g) => String(g['学期']));
    expect(terms.some((t) => /^第\d学期$/.test(t))).toBe(true);
    expect(terms.some((t) => /^\d{4}-\d{4}-[12]$/.test(t))).toBe(true);
    const dates = grades.map((g) => g['成绩日期']);
    expect(dates.some((d) => typeof d === 'string')).toBe(true); // date cells
    expect(dates.some((d) => typeof d === 'number')).toBe(true); // Excel serial numbers
    expect(dates.some((d) => d === null)).toBe(true); // no date: counts
    expect(grades.some((g) => g['课程名称'] === '军事理论' && g['课程代码'] === null)).toBe(true);
    const rosterIds = new Set(roster.map((r) => r['学号']));
    expect(grades.every((g) => rosterIds.has(g['学号']))).toBe(true);
  });

  test('学籍异动 students with grades after the cutoff: four, three of them also with grades before it', () => {
    const changed = roster.filter((r) => r['学籍异动'] !== '否');
    const after = changed.filter((r) => gradesOf(String(r['学号'])).some((g) => (gradeDate(g['成绩日期']) ?? '') > CUTOFF));
    expect(after).toHaveLength(4);
    const both = after.filter((r) => gradesOf(String(r['学号'])).some((g) => (gradeDate(g['成绩日期']) ?? '9999') <= CUTOFF));
    expect(both).toHaveLength(3);
    // …and the student whose every grade is after the cutoff is the NO_GRADES case.
    const onlyAfter = after.find((r) => !both.includes(r));
    expect(onlyAfter?.['学号']).toBe(byCase('G5-NO-GRADES-POSTCUTOFF').studentId);
    // A non-异动 student has a retake after the cutoff (it counts for them).
    const late = byCase('G6-NOCHANGE-RETAKE-POSTCUTOFF');
    expect(rosterOf(late.studentId)['学籍异动']).toBe('否');
    expect(gradesOf(late.studentId).some((g) => g['考试性质'] === '重修' && (gradeDate(g['成绩日期']) ?? '') > CUTOFF)).toBe(true);
  });

  test('exact ties have identical score lists and straddle the 60 % line and the quota line', () => {
    const scoreList = (id: string): string[] =>
      gradesOf(id).map((g) => [g['课程名称'], g['成绩'], g['考试性质'], g['成绩日期']].join('|')).sort();
    const ties = SCENARIOS.filter((s) => s.tieWith);
    expect(ties.length).toBeGreaterThanOrEqual(6);
    for (const t of ties) {
      const a = byCase(t.tieWith as string);
      const b = byCase(t.id);
      expect(scoreList(b.studentId)).toEqual(scoreList(a.studentId));
      expect(scoreList(a.studentId).length).toBeGreaterThanOrEqual(14);
    }
    // 60 % line: G5 N=45 ⇒ line 27; the pair holds positions 27 and 28.
    const g5 = GROUPS.find((g) => g.id === 'G5');
    expect(line60Of(g5?.size ?? 0)).toBe(27);
    expect([byCase('G5-TIE60-A').pos, byCase('G5-TIE60-B').pos]).toEqual([27, 28]);
    // Quota line: G7 N=38 ⇒ Q=11; 10 seats are taken before the pair (see README), the pair needs 2.
    const g7 = GROUPS.find((g) => g.id === 'G7');
    expect(quotaOf(g7?.size ?? 0)).toBe(11);
    expect(byCase('G7-TIE-QUOTA-A').scenario?.expect.status).toBe('tie_pending');
  });

  test('two averages differ only in the 3rd decimal (computed from the committed grade rows)', () => {
    // These three students have one plain first sitting per course: Σ over the 14 counted plan courses.
    const counted = new Set(plan.filter((p) => p['专业'] === '软件技术' && Number(p['学期']) <= 5 && p['计入平均分'] === '是').map((p) => p['课程名称']));
    const words: Record<string, number> = { 优秀: 9500, 良好: 8500, 中等: 7500, 及格: 6500, 合格: 7500 };
    const sumH = (id: string): number => {
      const rows = gradesOf(id).filter((g) => counted.has(g['课程名称']));
      expect(rows).toHaveLength(14);
      expect(rows.every((g) => g['考试性质'] === '正考')).toBe(true);
      return rows.reduce((acc, g) => {
        const v = g['成绩'];
        const h = typeof v === 'string' && v in words ? (words[v] as number) : Math.round(Number(v) * 100);
        expect(Number.isFinite(h)).toBe(true);
        return acc + h;
      }, 0);
    };
    const a = sumH(byCase('G6-DEC3-A').studentId);
    const b = sumH(byCase('G6-DEC3-B').studentId);
    const d = sumH(byCase('G6-DEC3-D').studentId);
    expect([a, b, d]).toEqual([112203, 112200, 112196]); // 80.145, 80.142857…, 80.14 (÷14)
    // Same first two decimals, different third: ⌊avg·100⌋ equal, ⌊avg·1000⌋ differ (integers only).
    const h2 = (s: number): number => Math.floor(s / 14);
    const h3 = (s: number): number => Math.floor((s * 10) / 14);
    expect(h2(a)).toBe(h2(b));
    expect(h3(a)).not.toBe(h3(b));
    expect(h3(b)).not.toBe(h3(d));
  });

  test('awards: every class of SPEC §2.7 is present', () => {
    const has = (f: (a: Record<string, Value>) => boolean): boolean => awards.some(f);
    const cat = (a: Record<string, Value>): string => String(a['类别']);
    expect(has((a) => cat(a).includes('世界技能大赛'))).toBe(true);
    expect(has((a) => cat(a) === '全国职业院校技能大赛' && a['级别'] === '国家级' && a['等次'] === '三等奖')).toBe(true);
    expect(has((a) => cat(a) === '广西职业院校技能大赛' && a['级别'] === '自治区级' && a['等次'] === '一等奖')).toBe(true);
    expect(has((a) => a['等次'] === '金牌')).toBe(true);
    expect(has((a) => a['等次'] === '铜牌')).toBe(true);
    expect(has((a) => a['等次'] === '铜奖')).toBe(true);
    const internetPlus = awards.filter((a) => cat(a).includes('中国国际大学生创新大赛'));
    expect(internetPlus.some((a) => typeof a['团队排名'] === 'number' && a['团队排名'] <= 5)).toBe(true);
    expect(internetPlus.some((a) => typeof a['团队排名'] === 'number' && a['团队排名'] > 5)).toBe(true);
    expect(internetPlus.some((a) => a['团队排名'] === null)).toBe(true);
    const honour = (level: string, name: string): boolean =>
      has((a) => cat(a) === '荣誉称号' && a['级别'] === level && (a['项目名称'] === name || a['等次'] === name));
    expect(honour('自治区级', '三好学生')).toBe(true);
    expect(honour('自治区级', '优秀毕业生')).toBe(true);
    expect(honour('校级', '优秀团员')).toBe(true);
    expect(has((a) => a['审核结果'] === '不通过')).toBe(true);
    expect(has((a) => a['级别'] === '省级')).toBe(true);
    expect(has((a) => cat(a).includes('数学建模'))).toBe(true);
  });

  test('roster flags: 定向, 处分, 退役士兵 on both routes, registration with and without 放弃证明, 裁定结果', () => {
    const vals = (h: string): Set<Value> => new Set(roster.map((r) => r[h]));
    expect([...vals('培养类型')]).toEqual(expect.arrayContaining(['普通', '扩招', '定向', '定向培养', null]));
    expect([...vals('处分未解除')]).toEqual(expect.arrayContaining(['是', '否', '无', '严重警告处分（未解除）']));
    const veterans = roster.filter((r) => r['退役大学生士兵'] === '是');
    expect(veterans.map((r) => r['升本方式'])).toEqual(expect.arrayContaining(['学校选拔', '综合考查', null]));
    expect(veterans.some((r) => r['立功情况'] === '三等功')).toBe(true);
    expect([...vals('报名状态')]).toEqual(expect.arrayContaining(['报名', '已报名', '放弃', '未报名', null]));
    expect(roster.some((r) => r['报名状态'] === '放弃' && r['放弃证明'] !== null)).toBe(true);
    expect(roster.some((r) => r['报名状态'] === '放弃' && r['放弃证明'] === null)).toBe(true);
    expect(roster.some((r) => r['报名状态'] === null && r['放弃证明'] !== null)).toBe(true);
    expect(roster.filter((r) => r['裁定结果'] !== null).map((r) => r['裁定结果']).sort()).toEqual(['不推荐', '推荐']);
  });

  test('志愿 name the 对口招录计划 programmes (with -, －, —, · separators), a few name none or another major', () => {
    const programmes = new Map(seats.map((s) => [`${s['本科院校']}/${s['本科专业']}`, String(s['高职专业'])]));
    expect(seats.every((s) => typeof s['计划数'] === 'number' && s['计划数'] >= 2 && s['计划数'] <= 4)).toBe(true);
    let foreign = 0;
    const seps = new Set<string>();
    for (const r of roster) {
      for (const h of ['志愿1', '志愿2', '志愿3']) {
        const w = r[h];
        if (w === null) continue;
        const m = /^(.+?)([/\-－—·])(.+)$/.exec(String(w));
        expect(m).not.toBeNull();
        seps.add((m as RegExpExecArray)[2] as string);
        const major = programmes.get(`${(m as RegExpExecArray)[1]}/${(m as RegExpExecArray)[3]}`);
        expect(major).toBeDefined();
        if (major !== r['专业']) foreign++;
      }
    }
    expect([...seps].sort()).toEqual(['-', '/', '·', '—', '－'].sort());
    expect(foreign).toBe(1); // G6-WISH-OTHER-MAJOR
    expect(rosterOf(byCase('G5-NO-WISH').studentId)['志愿1']).toBeNull();
  });

  test('the GB18030 CSV holds exactly the rows of the 成绩 sheet', () => {
    const bytes = fs.readFileSync(path.join(SAMPLE_DIR, SAMPLE_FILES.csv));
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no BOM
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(GRADE_HEADERS.join(','));
    const sheetRows = grades.map((g) =>
      [g['学号'], g['姓名'], g['班级'], g['课程代码'], g['课程名称'], g['学分'], g['考核方式'], g['考试性质'], g['学期'], g['成绩'], gradeDate(g['成绩日期'])]
        .map((v) => (v === null ? '' : String(v)))
        .join(','),
    );
    expect(lines.slice(1)).toEqual(sheetRows);
  });

  test('roster headers: canonical on one sheet, synonyms and blanks on the others, a title row above one', () => {
    const first = (name: string): Value[] => (book.get(name) ?? [])[0] ?? [];
    expect(first('学生名册-机电工程学院')).toEqual(ROSTER_HEADERS);
    expect(first('学生名册-电子信息工程学院')).toContain('学 号');
    const fin = book.get('学生名册-财经与物流管理学院') ?? [];
    expect(String(fin[0]?.[0])).toContain('学生名册');
    expect(fin[1]?.every((v) => v === null)).toBe(true);
    expect(fin[2]).toContain('学生学号');
  });
});
