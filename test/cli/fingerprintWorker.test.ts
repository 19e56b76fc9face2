/**
 * Issue 17: for --out with CSV inputs the input fingerprint (计算说明 输入指纹) is computed in a worker
 * thread while the engine computes (dist/cli/fingerprintWorker.js). It must be the fingerprint of the
 * very tables read: checked against fingerprintTables over the same files read here, in process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCsvFile } from '../../src/hosts/csv/read';
import { fingerprintTables } from '../../src/sheets/fingerprint';
import { sheetTexts, tempDir, writeGradesCsv } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');

test('--out with CSV inputs: 计算说明 holds the fingerprint of the tables read (worker thread)', async () => {
  expect(existsSync(join(ROOT, 'dist', 'cli', 'fingerprintWorker.js'))).toBe(true);
  const dir = tempDir();
  const roster = join(dir, '学生名册.csv');
  const grades = join(dir, '成绩.csv');
  const lines = ['学号,姓名,专业,年级,二级学院'];
  // Shuffled, some trailing empty fields: the fingerprint ignores trailing empty cells.
  for (const n of [7, 3, 19, 1, 12, 5, 20, 9, 14, 2, 11, 4, 16, 8, 18, 6, 13, 10, 17, 15]) {
    lines.push(`0210${String(n).padStart(2, '0')},学生${n},${n <= 10 ? '机电一体化技术' : '汽车检测与维修技术'},2021级,${n % 3 ? '机电工程学院' : ''}`);
  }
  writeFileSync(roster, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
  writeGradesCsv(grades);
  const out = join(dir, 'r.xlsx');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zsb.js'), 'run', roster, grades, '--out', out], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const audit = (await sheetTexts(out)).get('计算说明') ?? [];
  const label = audit.findIndex((c) => c.endsWith('=输入指纹'));
  expect(label).toBeGreaterThanOrEqual(0);
  const expected = fingerprintTables([await loadCsvFile(roster), await loadCsvFile(grades)]);
  expect(expected).toMatch(/^[0-9a-f]{16}$/u);
  expect(audit[label + 1]).toMatch(new RegExp(`=${expected}$`, 'u'));
});
