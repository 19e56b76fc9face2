/**
 * SPEC §1.6: the column choices made in the pane for a “请确认” sheet are saved in the workbook with the
 * settings and applied by every host — here the CLI reading a workbook saved by the pane.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { XlsxFileHost } from '../../src/hosts/xlsx/fileHost';
import { tempDir, writeGradesCsv, writeRosterXlsx } from './fixtures';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const lines: string[] = [];
  const code = await main(args, { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) });
  return { code, err: lines.join('') };
}

test('a column mapping saved in the workbook (学号 under an unknown header) is applied by zsb run', async () => {
  const dir = tempDir();
  const roster = join(dir, '名册.xlsx');
  const grades = join(dir, '成绩.csv');
  await writeRosterXlsx(roster);
  writeGradesCsv(grades);
  // The school's export calls the 学号 column “编码”, which nothing recognises.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(roster);
  wb.getWorksheet('学生名册')!.getCell('A2').value = '编码';
  await wb.xlsx.writeFile(roster);
  const without = await run(['run', roster, grades, '--json', join(dir, 'a.json')]);
  expect(without.code).toBe(1);

  // What the pane saves when the user chose “学号” for column A and pressed 保存到工作簿.
  await new XlsxFileHost(wb).saveSettings({}, { 学生名册: { columns: { A: 'studentId' } } });
  await wb.xlsx.writeFile(roster);
  const withMapping = await run(['run', roster, grades, '--json', join(dir, 'b.json')]);
  expect(withMapping.err).toContain('使用输入工作簿中保存的列对应（学生名册）');
  expect(withMapping.code).toBe(0);
  const result = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as { students: { studentId: string }[] };
  // 20 students, 学号 021001 … 021020 (fixtures.ts), all matched with their grades.
  expect(result.students.map((s) => s.studentId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `0210${String(i + 1).padStart(2, '0')}`));
});
