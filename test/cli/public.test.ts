/**
 * `zsb run … --out 结果.xlsx --public` (issue 18): the 公示用工作簿 — no 附件7, 计算说明, 结果快照, 结果变更说明,
 * no input sheet holding 身份证号/手机号/家庭住址 — left out of the streaming writer's plan. Checked by
 * scanning every cell (hidden sheets too) and the workbook's defined names, against the internal --out of
 * the same inputs: every other sheet is the same, cell for cell.
 */
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, USAGE } from '../../src/cli/main';
import { namesWithout, rangeSheet } from '../../src/hosts/xlsx/streamWrite';
import { sheetTexts, tempDir, writeGradesCsv } from './fixtures';

const SAMPLE = join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx');
const ID = /(?<!\d)\d{17}[\dXx](?!\d)/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const INTERNAL = ['附件7-生源数据（内部）', '计算说明', '结果快照'];

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['run', ...args], { stdout: () => {}, stderr: (t) => (err += t) });
  return { code, err };
}

/** Sheet name → every cell as "A1=text"; and the defined names' text of workbook.xml. */
async function cells(file: string): Promise<{ sheets: Map<string, string[]>; definedNames: string; misplaced: string[] }> {
  const sheets = await sheetTexts(file);
  const workbookXml = await (await JSZip.loadAsync(readFileSync(file))).file('xl/workbook.xml')!.async('string');
  // A sheet-local name (print titles) is tied to its sheet by position: it must name the sheet at that place.
  const order = [...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!);
  const misplaced = [...workbookXml.matchAll(/<definedName [^>]*localSheetId="(\d+)"[^>]*>&apos;([^<]*?)&apos;!/g)]
    .filter((m) => order[Number(m[1])] !== m[2])
    .map((m) => m[0]);
  return { sheets, definedNames: /<definedNames>[\s\S]*<\/definedNames>/.exec(workbookXml)?.[0] ?? '', misplaced };
}

/**
 * Cells with an ID or mobile number, or naming an omitted sheet — in every sheet, the tool's own very
 * hidden record (ZSB_META) included: it must not list the sheets left out either (issue 18).
 */
function leaks(sheets: Map<string, string[]>, omitted: readonly string[]): string[] {
  const found: string[] = [];
  for (const [name, list] of sheets) {
    for (const c of list) {
      if (ID.test(c) || MOBILE.test(c) || omitted.some((o) => c.includes(o))) found.push(`${name}!${c}`);
    }
  }
  return found;
}

/** The tool's record in A1 of ZSB_META. */
function record(sheets: Map<string, string[]>): { ownedSheets: string[]; resultBlocks: { sheet: string }[]; settings?: unknown } {
  const a1 = sheets.get('ZSB_META')!.find((c) => c.startsWith('A1='))!;
  return JSON.parse(a1.slice(3));
}

describe('zsb run --public', () => {
  const dir = tempDir();

  it('the sample: no 附件7, internal sheet or roster; every ID/phone gone; the rest equal to the internal workbook', async () => {
    const internalFile = join(dir, '内部.xlsx');
    const publicFile = join(dir, '公示.xlsx');
    process.env.SOURCE_DATE_EPOCH = '1713168000';
    try {
      expect((await run([SAMPLE, '--out', internalFile])).code).toBe(0);
      const pub = await run([SAMPLE, '--out', publicFile, '--public']);
      expect(pub.code).toBe(0);
      expect(pub.err).toContain('已写出公示用工作簿');
      expect(pub.err).toMatch(/公示用工作簿，未包含：附件7-生源数据（内部）（内部资料）、.*学生名册[^（]*（含身份证号/);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const internal = await cells(internalFile);
    const publicBook = await cells(publicFile);
    const rosters = [...internal.sheets.keys()].filter((n) => n.startsWith('学生名册'));
    expect(rosters).toHaveLength(3);
    const omitted = [...INTERNAL, ...rosters];
    // The internal workbook has them all, IDs and phones included (so the scan below can find a leak).
    for (const n of omitted) expect([n, internal.sheets.has(n)]).toEqual([n, true]);
    expect(leaks(internal.sheets, []).length).toBeGreaterThan(100);
    expect(internal.definedNames).toContain('附件7-生源数据（内部）');
    expect(internal.misplaced).toEqual([]);

    expect([...publicBook.sheets.keys()]).toEqual([...internal.sheets.keys()].filter((n) => !omitted.includes(n)));
    expect([...publicBook.sheets.keys()].some((n) => n.startsWith('附件5'))).toBe(true);
    expect(leaks(publicBook.sheets, omitted)).toEqual([]);
    // The record still says which sheets are the tool's (a re-run replaces them) and keeps the settings;
    // it names no sheet left out. The internal record lists them all (so the scan above can find them).
    const [mine, theirs] = [record(publicBook.sheets), record(internal.sheets)];
    expect(theirs.ownedSheets).toEqual(expect.arrayContaining(INTERNAL));
    expect(theirs.resultBlocks.map((b) => b.sheet).sort()).toEqual([...rosters].sort());
    expect(mine.ownedSheets).toEqual(theirs.ownedSheets.filter((n) => !omitted.includes(n)));
    expect(mine.ownedSheets).toContain('附件5-总表');
    expect(mine.resultBlocks).toEqual([]);
    expect(mine.settings).toEqual(theirs.settings);
    // The print titles of the omitted sheets are gone; the others' still sit on their own sheets.
    expect(omitted.filter((n) => publicBook.definedNames.includes(n))).toEqual([]);
    expect(publicBook.definedNames).toContain('附件5-总表');
    expect(publicBook.misplaced).toEqual([]);
    for (const [name, list] of publicBook.sheets) if (name !== 'ZSB_META') expect([name, list]).toEqual([name, internal.sheets.get(name)]);
  }, 180_000);

  it('a CSV roster with 身份证号 and 手机号 (a streamed sheet) is left out; the grades CSV stays', async () => {
    const roster = join(dir, '名册.csv');
    const lines = ['学号,姓名,专业,年级,二级学院,身份证号,手机号'];
    for (let n = 1; n <= 20; n++) {
      lines.push(`0210${String(n).padStart(2, '0')},学生${n},${n <= 10 ? '机电一体化技术' : '汽车检测与维修技术'},2021级,机电工程学院,45020320030101${String(1000 + n)},1390000${String(1000 + n)}`);
    }
    writeFileSync(roster, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
    const grades = join(dir, '成绩.csv');
    writeGradesCsv(grades);
    const out = join(dir, '公示-csv.xlsx');
    const r = await run([roster, grades, '--out', out, '--public']);
    expect([r.code, r.err]).toEqual([0, expect.stringContaining('名册（含身份证号、手机号）')]);
    const book = await cells(out);
    expect(book.sheets.has('名册')).toBe(false);
    expect(book.sheets.get('成绩')?.length).toBeGreaterThan(80);
    // No plan here: 附件6's note on the inferred courses says it in its own words (no 计算说明).
    expect(book.sheets.get([...book.sheets.keys()].find((n) => n.startsWith('附件6'))!)!.some((c) => c.includes('计入课程按成绩推断'))).toBe(true);
    expect(leaks(book.sheets, ['名册', '附件7', '计算说明', '结果快照'])).toEqual([]);
  }, 120_000);

  it('--public without --out is a usage error (exit 2)', async () => {
    const r = await run([SAMPLE, '--public']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--public 要与 --out 同用');
    expect(USAGE).toContain('--public');
  });

  it('defined names: ranges on omitted sheets dropped, quoted names read', () => {
    expect(rangeSheet("'学生 名册'!$A$1:$B$2")).toBe('学生 名册');
    expect(rangeSheet("'O''Brien'!$A$1")).toBe("O'Brien");
    expect(rangeSheet('附件5!$A$1')).toBe('附件5');
    const names = [
      { name: 'ZSB_Result_1', ranges: ['学生名册!$M$2:$W$40'] },
      { name: 'Both', ranges: ['学生名册!$A$1', '成绩!$A$1'] },
    ];
    expect(namesWithout(names, new Set(['学生名册']))).toEqual([{ name: 'Both', ranges: ['成绩!$A$1'] }]);
  });
});
