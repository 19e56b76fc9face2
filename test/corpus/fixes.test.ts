/**
 * Focused tests of the fixes issue 5's corpus led to: what the corpus cases show end to end, pinned
 * down at the function that does it.
 */
import { withPlace, namesItsPlace, issueAt } from '../../src/engine/issues';
import { parseCsvText } from '../../src/hosts/csv/read';
import { fingerprintTables } from '../../src/sheets/fingerprint';
import type { RawTable } from '../../src/sheets/table';
import { isDateFormat } from '../../src/sheets/values';

describe('isDateFormat (a score cell Office.js gives as a serial number)', () => {
  test.each(['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'h:mm:ss', 'mmm-yy', '[$-804]aaaa'])('%s is a date/time format', (f) => {
    expect(isDateFormat(f)).toBe(true);
  });
  test.each(['General', 'general', '0', '0.00', '@', '0000000', '#,##0.0_ ', '0"分"', '[Red]0.00', '', null, undefined])('%s is not', (f) => {
    expect(isDateFormat(f)).toBe(false);
  });
});

describe('parseCsvText cuts fields out of the text', () => {
  test('quotes, doubled quotes, delimiters and line breaks inside quotes, trailing empty field, no final newline', () => {
    expect(parseCsvText('a,"b,c","say ""hi""","l1\r\nl2",\r\n,x\n"";"\r\nlast', ',')).toEqual([
      ['a', 'b,c', 'say "hi"', 'l1\r\nl2', ''],
      ['', 'x'],
      [';"'],
      ['last'],
    ]);
  });
  test('a 1 MB field, quoted or not, comes back equal to its source (the memory bound is in bigFile.test.ts)', () => {
    const long = '备注'.repeat(500_000);
    const t0 = Date.now();
    const rows = parseCsvText(`学号,备注\r\n001,${long}\r\n002,"${long}"`, ',');
    expect(rows[1]?.[1]).toBe(long);
    expect(rows[2]?.[1]).toBe(long);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('fingerprintTables ignores trailing empty cells and rows', () => {
  const t = (rows: RawTable['rows']): RawTable => ({ sheet: '学生名册', originRow: 1, originCol: 1, rows });
  test('a wider or taller read of the same data has the same fingerprint; a changed value does not', () => {
    const base = fingerprintTables([t([['学号', '姓名'], ['001', '张三']])]);
    expect(fingerprintTables([t([['学号', '姓名', null, null], ['001', '张三', null, null], [null, null, null, null]])])).toBe(base);
    expect(fingerprintTables([t([['学号', '姓名'], ['001', '张四']])])).not.toBe(base);
    // An empty cell inside the data still counts (the value moved a column).
    expect(fingerprintTables([t([['学号', null, '姓名'], ['001', null, '张三']])])).not.toBe(base);
  });
});

describe('withPlace: every error and warning message names its sheet and cell', () => {
  test('a message naming a student gets the cell in front; one that names it already is left alone', () => {
    const bare = issueAt('warning', 'NO_SEAT_FOR_WISHES', '0210103 所填志愿中没有仍有名额的对口招录专业', { sheet: '学生名册', row: 4, column: 'A' });
    expect(namesItsPlace(bare)).toBe(false);
    expect(withPlace(bare).message).toBe('学生名册!A4：0210103 所填志愿中没有仍有名额的对口招录专业');
    const named = issueAt('error', 'BAD_SCORE', '成绩!D9：成绩“八十五”无法识别', { sheet: '成绩', row: 9, column: 'D' });
    expect(withPlace(named)).toBe(named);
  });
  test('"成绩!D2" is not named by "成绩!D29"; a row-level issue needs the sheet and 第N行; infos are left alone', () => {
    const i = issueAt('warning', 'DUPLICATE_FIRST_SITTING', '另见 成绩!D29', { sheet: '成绩', row: 2, column: 'D' });
    expect(withPlace(i).message).toBe('成绩!D2：另见 成绩!D29');
    const row = issueAt('warning', 'X', '工作表“成绩”第3行有问题', { sheet: '成绩', row: 3 });
    expect(withPlace(row)).toBe(row);
    const rowBare = issueAt('warning', 'X', '有问题', { sheet: '成绩', row: 3 });
    expect(withPlace(rowBare).message).toBe('成绩 第3行：有问题');
    const info = issueAt('info', 'OUTSIDE_PLAN', '已忽略', { sheet: '成绩', row: 3, column: 'A' });
    expect(withPlace(info)).toBe(info);
  });
});
