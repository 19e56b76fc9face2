/**
 * Issue 14, what the corpus format (one run, --json in a temporary folder) cannot state:
 *  - every output path (--json, --out) checked against every input (data files and --config) by its
 *    real path — symbolic links, `..`, letter case, hard links — and against the other output: exit 2,
 *    a Chinese message, the input unchanged;
 *  - the --out side of hostile inputs: a re-run with a student added below the roster and text typed
 *    into the result column, ISO date cells and rows without `r` copied faithfully, a user's ZSB_META
 *    kept as the user's sheet, a stray cell far away copied without a table of the claimed size;
 *  - the reader rules at their functions: the CSV quote rule, the mixed-encoding check, ISO dates,
 *    strayCut, and the failure messages of the CLI (never English internals, never exit 3 for a file).
 */
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failureText, main } from '../../src/cli/main';
import type { ResultJson } from '../../src/engine/result';
import * as pipeline from '../../src/pipeline';
import { CsvSplitError, MAX_FIELD_LINES, mixedEncodingLine, parseCsvText } from '../../src/hosts/csv/read';
import { isoToSerial, strayCut } from '../../src/hosts/xlsx/bounds';
import { SheetWriteError } from '../../src/hosts/xlsx/fileHost';
import { streamXlsxTables } from '../../src/hosts/xlsx/streamRead';
import { encodeGb18030 } from '../../scripts/generate-sample';
import { CORPUS, runCli, tempDir } from './helpers';

const CJK = /[\u4e00-\u9fff]/u;
const ENGLISH_INTERNALS = /Corrupted zip|undefined entity|Invalid string length|Cannot read prop|TypeError|RangeError|at Object\.|\n\s+at /u;

async function zsb(argv: string[]): Promise<{ exit: number; out: string; err: string }> {
  const io = { out: '', err: '' };
  const exit = await main(argv, { stdout: (t) => (io.out += t), stderr: (t) => (io.err += t) });
  return { exit, ...io };
}

/** A folder with the baseline school and a grades CSV (from corpus case 31's roster + 32's CSV). */
function inputsFolder(): { dir: string; school: string; grades: string } {
  const dir = tempDir('zsb-hostile-');
  const school = join(dir, '学校.xlsx');
  const grades = join(dir, '成绩.csv');
  copyFileSync(join(CORPUS, '32-csv-tab', '学校.xlsx'), school);
  copyFileSync(join(CORPUS, '32-csv-tab', '成绩.csv'), grades);
  return { dir, school, grades };
}

describe('SPEC §4.7: no output may name an input (exit 2, Chinese message, input unchanged)', () => {
  const cases: [string, (f: ReturnType<typeof inputsFolder>) => string[]][] = [
    ['--json is the grades CSV', (f) => ['--json', f.grades]],
    ['--json is the grades CSV written with ..', (f) => ['--json', join(f.dir, 'sub', '..', '成绩.csv')]],
    ['--json through a symbolic link to the CSV', (f) => {
      symlinkSync(f.grades, join(f.dir, 'link.json'));
      return ['--json', join(f.dir, 'link.json')];
    }],
    ['--json in a linked folder', (f) => {
      symlinkSync(f.dir, join(f.dir, 'same'));
      return ['--json', join(f.dir, 'same', '成绩.csv')];
    }],
    ['--json in another letter case (成绩.CSV: the same file on Windows and macOS)', (f) => ['--json', join(f.dir, '成绩.CSV')]],
    ['--json is a hard link of the CSV', (f) => {
      linkSync(f.grades, join(f.dir, 'hard.json'));
      return ['--json', join(f.dir, 'hard.json')];
    }],
    ['--out is the school workbook through a symbolic link', (f) => {
      symlinkSync(f.school, join(f.dir, 'out.xlsx'));
      return ['--out', join(f.dir, 'out.xlsx')];
    }],
    ['--out in another letter case', (f) => ['--out', join(f.dir, '学校.XLSX')]],
    ['--json is the --config file', (f) => {
      writeFileSync(join(f.dir, 'cfg.json'), '{}');
      return ['--config', join(f.dir, 'cfg.json'), '--json', join(f.dir, 'cfg.json')];
    }],
    ['--json and --out are the same file', (f) => ['--json', join(f.dir, 'r.xlsx'), '--out', join(f.dir, 'R.xlsx')]],
  ];
  test.each(cases)('%s', async (_, args) => {
    const f = inputsFolder();
    mkdirSync(join(f.dir, 'sub'));
    const before = [readFileSync(f.school), readFileSync(f.grades)];
    const r = await zsb(['run', f.school, f.grades, ...args(f)]);
    expect(r.exit).toBe(2);
    expect(r.err).toMatch(/(就是输入文件|指向同一个文件)/u);
    expect(r.err).toMatch(CJK);
    expect([readFileSync(f.school), readFileSync(f.grades)]).toEqual(before);
  });
  test('a different output file is fine (exit 0)', async () => {
    const f = inputsFolder();
    const r = await zsb(['run', f.school, f.grades, '--json', join(f.dir, '结果.json'), '--out', join(f.dir, '结果.xlsx')]);
    expect(r.exit).toBe(0);
  });
});

/** Reads an .xlsx back: sheet name → state and cells (address → value as text). */
async function sheetsOf(file: string): Promise<Map<string, { state: string; cells: Map<string, string> }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, { state: string; cells: Map<string, string> }>();
  for (const ws of wb.worksheets) {
    const cells = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => void cells.set(c.address, c.value instanceof Date ? c.value.toISOString() : JSON.stringify(c.value))));
    out.set(ws.name, { state: ws.state, cells });
  }
  return out;
}

describe('--out with hostile inputs', () => {
  test('a re-run with a student added below the roster and text typed into the result column ⇒ exit 1, located WRITE_FAILED in the JSON, no workbook (was exit 3 with a stack trace)', async () => {
    const first = await runCli([join(CORPUS, '01-baseline', '学校.xlsx')], { out: true });
    expect(first.exit).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(first.outDir, 'out.xlsx'));
    const ws = wb.getWorksheet('学生名册')!;
    // The result block starts right of 二级学院 (E): F. Row 11 is the new student's.
    ws.getRow(11).values = ['0210106', '新同学', '机电一体化技术', '2021级', '机电工程学院'];
    ws.getCell('G11').value = '老师手填';
    const edited = join(first.outDir, '改过.xlsx');
    await wb.xlsx.writeFile(edited);
    const r = await runCli([edited], { out: true });
    expect(r.exit).toBe(1);
    const issue = r.result!.issues.find((i) => i.code === 'WRITE_FAILED');
    expect(issue).toMatchObject({ severity: 'error', sheet: '学生名册', cell: 'G11' });
    expect(issue!.message).toContain('学生名册!G11');
    expect(r.stderr).not.toMatch(ENGLISH_INTERNALS);
    expect(existsSync(join(r.outDir, 'out.xlsx'))).toBe(false);
  });

  test('ISO date cells and rows without r are copied into the result as the dates and cells they are', async () => {
    const iso = await runCli([join(CORPUS, '57-iso-date-cells', '学校.xlsx')], { out: true });
    expect(iso.exit).toBe(0);
    const grades = (await sheetsOf(join(iso.outDir, 'out.xlsx'))).get('成绩')!.cells;
    // 黄三江 (0210103): rows 8–10 of the grades sheet, dates 2024-03-19, 2024-03-25, 2024-03-18.
    expect([grades.get('G8'), grades.get('G9'), grades.get('G10')]).toEqual(['2024-03-19T00:00:00.000Z', '2024-03-25T00:00:00.000Z', '2024-03-18T00:00:00.000Z']);
    const noR = await runCli([join(CORPUS, '58-rows-and-cells-without-r', '学校.xlsx')], { out: true });
    const base = await runCli([join(CORPUS, '01-baseline', '学校.xlsx')], { out: true });
    expect(noR.exit).toBe(0);
    expect((await sheetsOf(join(noR.outDir, 'out.xlsx'))).get('成绩')!.cells).toEqual((await sheetsOf(join(base.outDir, 'out.xlsx'))).get('成绩')!.cells);
  });

  test.each([
    ['a CSV named ZSB_META.csv', '64-csv-named-zsb-meta', ['学校.xlsx', 'ZSB_META.csv']],
    ["a user's sheet named ZSB_META", '65-user-sheet-named-zsb-meta', ['学校.xlsx']],
  ])("%s stays the user's visible sheet; the tool's meta goes beside it; a re-run reads the awards again", async (_, id, files) => {
    const r = await runCli(files.map((f) => join(CORPUS, id, f)), { out: true });
    expect(r.exit).toBe(0);
    const out = join(r.outDir, 'out.xlsx');
    const sheets = await sheetsOf(out);
    expect(sheets.get('ZSB_META')?.state).toBe('visible');
    expect(sheets.get('ZSB_META')?.cells.get('A2')).toBe('"0210103"');
    expect(sheets.get('ZSB_META(2)')?.state).toBe('veryHidden');
    expect(sheets.get('ZSB_META(2)')?.cells.get('A1')).toMatch(/^"\{\\"format\\":1/u);
    const again = await runCli([out], { out: true });
    expect(again.exit).toBe(0);
    const pick = (x: ResultJson) => x.students.map((s) => [s.studentId, s.direct, s.priority, s.rank]);
    expect(pick(again.result!)).toEqual(pick(r.result!));
    expect(again.result!.students.find((s) => s.studentId === '0210103')).toMatchObject({ direct: true, priority: true });
  });

  test('a stray cell at XFD1048576: read in well under a second and a few MB, copied into the result as it is', async () => {
    const file = join(CORPUS, '61-stray-cell-xfd1048576', '学校.xlsx');
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const sheets = await streamXlsxTables(file, '学校.xlsx');
    const ms = performance.now() - t0;
    const grew = process.memoryUsage().heapUsed - before;
    const note = sheets.find((s) => s.name === '说明')!;
    expect(note.table.rows).toEqual([['本工作簿由教务科整理']]);
    expect(note.issues?.map((i) => `${i.code}@${i.cell}`)).toEqual(['FAR_AWAY_CELLS@XFD1048576']);
    expect(ms).toBeLessThan(1000);
    expect(grew).toBeLessThan(50 * 1024 * 1024);
    const r = await runCli([file], { out: true });
    expect(r.exit).toBe(0);
    expect((await sheetsOf(join(r.outDir, 'out.xlsx'))).get('说明')!.cells.get('XFD1048576')).toBe('"误输入"');
  });
});

describe('CSV quote rule (src/hosts/csv/read.ts)', () => {
  test(`a quoted field may span up to ${MAX_FIELD_LINES} lines; one more is an error at the row where it starts`, () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}行`).join('\n');
    expect(parseCsvText(`a,b\n1,"${lines(MAX_FIELD_LINES)}"\n2,x\n`, ',')[1]?.[1]).toBe(lines(MAX_FIELD_LINES));
    const e = (() => {
      try {
        parseCsvText(`a,b\n1,x\n2,"${lines(MAX_FIELD_LINES + 1)}"\n3,y\n`, ',');
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(CsvSplitError);
    expect(e).toMatchObject({ row: 3, line: 3 });
  });
  test('rows and lines are counted separately: after a valid two-line field, the unterminated quote of record 4 is on line 5', () => {
    expect(() => parseCsvText('a,b\n1,"x\ny"\n2,z\n3,"open\n4,w\n', ',')).toThrow(expect.objectContaining({ row: 4, line: 5 }) as unknown as Error);
  });
  test('a quote inside an unquoted field is an ordinary character; a closed quote followed by text on the same line is kept (as Excel does)', () => {
    expect(parseCsvText('a,张"三,"李"四\n', ',')).toEqual([['a', '张"三', '李四']]);
  });
});

describe('mixed encodings', () => {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  test('a GBK line inside UTF-8 text is found (1-based line); pure GBK and pure UTF-8 are not mixed', () => {
    const mixed = Buffer.concat([utf8('学号,姓名,课程\n0210101,韦一鸣,高等数学\n'), encodeGb18030('0210102,覃二华,大学英语\n'), utf8('0210103,黄三江,机械制图\n')]);
    expect(mixedEncodingLine(mixed)).toBe(3);
    expect(mixedEncodingLine(encodeGb18030('学号,姓名,课程\n0210101,韦一鸣,高等数学\n0210102,覃二华,大学英语\n'))).toBe(0);
    expect(mixedEncodingLine(utf8('学号,姓名\n0210101,韦一鸣\n'))).toBe(0);
  });
});

describe('ISO date cells', () => {
  test.each([
    ['2024-03-25T00:00:00', false, 45376],
    ['2024-03-25', false, 45376],
    ['2024-03-25T12:00:00Z', false, 45376.5],
    ['1900-01-01T00:00:00', false, 1],
    ['1900-03-01T00:00:00', false, 61],
    ['2024-03-25T00:00:00', true, 45376 - 1462],
  ] as const)('%s (1904 system: %s) → serial %d', (text, d1904, serial) => {
    expect(isoToSerial(text, d1904)).toBeCloseTo(serial, 9);
  });
  test.each(['2024-02-30', '2024-13-01', '2024-03-25T25:00:00', '昨天', '45376', ''])('%s is no ISO date', (text) => {
    expect(isoToSerial(text)).toBeNull();
  });
});

describe('strayCut', () => {
  test('an ordinary dense table is never cut; a far-away cell is, by rows and by columns', () => {
    // 1,000,000 grade rows × 8 columns, all filled: read whole.
    expect(strayCut(1_000_000, 8, 8_000_000, [1, 1_000_000], [1, 8])).toBeNull();
    // 30 rows × 5 columns plus XFD1048576.
    const rows = [...Array.from({ length: 30 }, (_, i) => i + 1), 1_048_576];
    const cols = [1, 2, 3, 4, 5, 16_384];
    expect(strayCut(1_048_576, 16_384, 151, rows, cols)).toEqual({ lastRow: 30, lastColumn: 5 });
    // A note at row 20,000 of a 10-row, 200-column sheet: rows cut, columns kept.
    expect(strayCut(20_000, 200, 2_001, [...Array.from({ length: 10 }, (_, i) => i + 1), 20_000], Array.from({ length: 200 }, (_, i) => i + 1))).toEqual({ lastRow: 10, lastColumn: 200 });
  });
});

describe('CLI failures end in a Chinese message', () => {
  test.each([
    ['a good Chinese message thrown as a plain Error', new Error('名册!A12 下方新增的学生在结果列中已有文字，请移走后重试。'), 1, /^名册!A12 下方新增的学生/u],
    ['a bug (TypeError)', new TypeError("Cannot read properties of undefined (reading 'x')"), 3, /^发生内部错误/u],
  ] as const)('%s escaping the run ⇒ exit 1 (a file) or 3 (a bug), the message on stderr without a stack, and in the --json file', async (_, error, exit, text) => {
    const spy = jest.spyOn(pipeline, 'analyse').mockImplementation(() => {
      throw error;
    });
    try {
      const r = await runCli([join(CORPUS, '01-baseline', '学校.xlsx')], { out: true });
      expect(r.exit).toBe(exit);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
      expect(r.result?.issues.map((i) => i.code)).toEqual(['RUN_FAILED']);
      expect(r.result?.issues[0]?.message).toMatch(text);
      expect(existsSync(join(r.outDir, 'out.xlsx'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  test('a good Chinese message thrown as a plain Error reaches the user as it is, exit 1; a located write problem keeps its place', () => {
    expect(failureText(new Error('无法写入结果列：学生名册!G11 已有内容。'), '')).toEqual({ text: '无法写入结果列：学生名册!G11 已有内容。', internal: false });
    expect(failureText(new SheetWriteError('学生名册!XFD1 有内容', { sheet: '学生名册', row: 1, column: 'XFD' }), '').internal).toBe(false);
  });
  test('JavaScript size limits are "too big", not internal; anything else is an internal error in Chinese', () => {
    const big = failureText(new RangeError('Invalid string length'), '读取文件“成绩.csv”时');
    expect(big.internal).toBe(false);
    expect(big.text).toMatch(/^读取文件“成绩.csv”时内容超出了程序能处理的大小/u);
    expect(big.text).not.toContain('Invalid string length');
    const bug = failureText(new TypeError("Cannot read properties of undefined (reading 'x')"), '');
    expect(bug.internal).toBe(true);
    expect(bug.text).toMatch(/^发生内部错误/u);
  });
});
