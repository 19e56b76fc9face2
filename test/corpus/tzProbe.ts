/**
 * Run by guarantees.test.ts in a child process with a given TZ: prints, as JSON, every 成绩日期 cell of
 * a workbook's 成绩 sheet as the sheets layer reads it, and each student's counted courses.
 *   tsx test/corpus/tzProbe.ts <file.xlsx>
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { loadXlsx, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse, resultJson } from '../../src/pipeline';
import { readDate } from '../../src/sheets/values';

export interface Probe {
  tz: string | undefined;
  offsetMinutes: number;
  dates: string[];
  counted: Record<string, number>;
}

export async function probeDates(file: string): Promise<Probe> {
  const wb = await loadXlsx(readFileSync(file), basename(file));
  const tables = workbookToTables(wb, basename(file));
  const grades = tables.find((t) => t.sheet === '成绩');
  if (!grades) throw new Error('没有“成绩”工作表');
  const col = (grades.rows[0] ?? []).findIndex((v) => v === '成绩日期');
  const dates = grades.rows.slice(1).map((r, i) => {
    const d = readDate(r[col] ?? null, grades.text?.[i + 1]?.[col]);
    return d.ok ? (d.value ?? "（空）") : `错误：${d.reason}`;
  });
  const config = defaultConfig();
  const result = resultJson(analyse(tables, config), config);
  const counted = Object.fromEntries(result.students.map((s) => [s.studentId, s.countedCourses]));
  return { tz: process.env.TZ, offsetMinutes: new Date(Date.UTC(2024, 2, 18)).getTimezoneOffset(), dates, counted };
}

if (require.main === module) {
  probeDates(process.argv[2] ?? '').then(
    (p) => process.stdout.write(JSON.stringify(p)),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
