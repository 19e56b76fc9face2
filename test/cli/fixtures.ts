/** Small input files for the CLI and host tests, written with ExcelJS into a temporary folder. */
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'zsb-test-'));
}

const majors = ['机电一体化技术', '汽车检测与维修技术'];
const courses = ['高等数学', '大学英语', '机械制图', '电工基础'];

/** A roster of 10 students per major (one sheet) with a title row; 学号 as text with leading zeros. */
export async function writeRosterXlsx(path: string, opts: { registration?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名册');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '柳州职业技术学院2021级学生名册';
  const header = ['学号', '姓名', '专业', '年级', '二级学院'];
  if (opts.registration) header.push('报名状态');
  ws.addRow(header);
  let n = 0;
  for (const major of majors) {
    for (let i = 0; i < 10; i++) {
      n++;
      const row = [`0210${String(n).padStart(2, '0')}`, `学生${n}`, major, '2021级', '机电工程学院'];
      if (opts.registration) row.push(i % 4 === 3 ? '放弃' : '已报名');
      const added = ws.addRow(row);
      added.getCell(1).numFmt = '@';
    }
  }
  ws.getCell('H2').value = '备注（用户自己的列）';
  ws.getCell('H3').value = '用户数据';
  await wb.xlsx.writeFile(path);
}

/** Grades as CSV (UTF-8 with BOM): every student × every course, deterministic scores. */
export function writeGradesCsv(path: string, opts: { badCell?: boolean } = {}): void {
  const lines = ['学号,姓名,课程名称,成绩,学期'];
  for (let n = 1; n <= 20; n++) {
    courses.forEach((c, k) => {
      const score = 60 + ((n * 7 + k * 13) % 40);
      lines.push(`0210${String(n).padStart(2, '0')},学生${n},${c},${opts.badCell && n === 3 && k === 1 ? '好' : score},${k + 1}`);
    });
  }
  writeFileSync(path, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** Every sheet of a workbook, in order: name → its non-empty cells as "A1=text". */
export async function sheetTexts(file: string): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    const out: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => out.push(`${c.address}=${c.text}`)));
    sheets.set(ws.name, out);
  }
  return sheets;
}
