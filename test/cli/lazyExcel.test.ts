/**
 * Issue 17: ExcelJS (and JSZip) cost ~0.3-0.4 s of node's start. A run reading CSV files for --json only
 * never loads them; --out (or an .xlsx input) does. Watched in a node of its own (dist/, as users run it)
 * through node's module loader: every package a request names is recorded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir, writeGradesCsv, writeRosterXlsx } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

/** The packages of `watched` a `zsb run <args>` loaded (in a fresh node), and its exit code. */
function loadedBy(args: string[]): { status: number | null; loaded: string[]; stderr: string } {
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    const seen = new Set();
    Module._load = function (request) {
      const m = /^(exceljs|jszip|archiver|unzipper)(\\/|$)/.exec(request);
      if (m) seen.add(m[1]);
      return load.apply(this, arguments);
    };
    require(${JSON.stringify(MAIN)}).main(JSON.parse(process.argv[1]), { stdout: () => {}, stderr: (t) => process.stderr.write(t) }).then((code) => {
      process.stdout.write(JSON.stringify([...seen].sort()));
      process.exitCode = code;
    });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(args)], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, loaded: r.status === 0 ? (JSON.parse(r.stdout) as string[]) : [], stderr: r.stderr };
}

describe('ExcelJS loaded only when a workbook is read or written', () => {
  let dir: string;
  let roster: string;
  let grades: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run npm run build:cli');
    dir = tempDir();
    roster = join(dir, '学生名册.csv');
    grades = join(dir, '成绩.csv');
    const lines = ['学号,姓名,专业,年级,二级学院'];
    for (let n = 1; n <= 20; n++) lines.push(`0210${String(n).padStart(2, '0')},学生${n},${n <= 10 ? '机电一体化技术' : '汽车检测与维修技术'},2021级,机电工程学院`);
    writeFileSync(roster, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
    writeGradesCsv(grades);
  });

  test('CSV inputs, --json only: none of ExcelJS, JSZip, archiver, unzipper', () => {
    const json = join(dir, 'r.json');
    const r = loadedBy(['run', roster, grades, '--json', json]);
    expect(r.stderr).toMatch(/共 20 名学生/u);
    expect(r.status).toBe(0);
    expect(r.loaded).toEqual([]);
    expect(JSON.parse(readFileSync(json, 'utf8')).students).toHaveLength(20);
  });

  test('--out: ExcelJS is loaded (the watch sees it), and the workbook written', () => {
    const out = join(dir, 'r.xlsx');
    const r = loadedBy(['run', roster, grades, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.loaded).toContain('exceljs');
    expect(existsSync(out)).toBe(true);
  });

  test('an .xlsx input: read with the ExcelJS-based reader', async () => {
    const xlsx = join(dir, '名册.xlsx');
    await writeRosterXlsx(xlsx);
    const r = loadedBy(['run', xlsx, grades, '--json', join(dir, 'x.json')]);
    expect(r.status).toBe(0);
    expect(r.loaded).toContain('exceljs');
  });
});
