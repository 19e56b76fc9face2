import { OfficeHostError, toHostError } from '../../../src/hosts/office/errors';
import { chunkRows, distinctSheetName, toExcelCell, utf8Bytes, charsToPoints } from '../../../src/hosts/office/payload';

describe('Office errors → Chinese', () => {
  test.each([
    ['InactiveWorkbook', /工作簿当前不处于活动状态/],
    ['RequestPayloadSizeLimitExceeded', /5 MB/],
    ['ResponsePayloadSizeLimitExceeded', /5 MB/],
    ['ItemNotFound', /找不到要操作的工作表/],
    ['GeneralException', /一般性错误/],
    ['AccessDenied', /只读\/受保护/],
    ['ConnectionFailure', /连接中断/],
    ['ApiNotFound', /不支持所需的功能/],
  ])('%s', (code, text) => {
    const e = toHostError(Object.assign(new Error('raw english'), { code }), '写入结果列', { sheet: '学生名册', cell: 'M2' });
    expect(e).toBeInstanceOf(OfficeHostError);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^写入结果列时出错（工作表“学生名册”，M2）：/);
    expect(e.message).toMatch(text);
    expect(e.message).toContain(`错误代码 ${code}`);
    expect(e.cause).toBeInstanceOf(Error);
  });

  test('the code is also found in debugInfo; a plain network failure is ConnectionFailure', () => {
    expect(toHostError({ debugInfo: { code: 'AccessDenied' } }, '保存设置').code).toBe('AccessDenied');
    expect(toHostError(new TypeError('Failed to fetch'), '读取工作表').code).toBe('ConnectionFailure');
  });

  test('an unknown error keeps its text and is not replaced', () => {
    const e = toHostError(new Error('boom'), '读取设置');
    expect(e.code).toBe('Unknown');
    expect(e.message).toMatch(/读取设置时出错：Excel 返回“boom”/);
    const own = new OfficeHostError('已有的中文消息', 'UserDataConflict');
    expect(toHostError(own, 'x')).toBe(own);
  });
});

describe('cells are written so Excel keeps them as intended', () => {
  test.each([
    ['00123', { text: true }, { value: '00123', format: '@' }],
    [123, { text: true }, { value: '123', format: '@' }],
    ['85.30', {}, { value: 85.3, format: '0.00' }],
    ['12', {}, { value: 12, format: '0' }],
    ['85.3', { numberFormat: '0.00' }, { value: 85.3, format: '0.00' }],
    ['007', {}, { value: '007', format: '@' }],
    ['TRUE', {}, { value: 'TRUE', format: '@' }],
    ['=SUM(A1)', {}, { value: '=SUM(A1)', format: '@' }],
    ['2024-03-18', {}, { value: '2024-03-18', format: '@' }],
    [null, {}, { value: '', format: 'General' }],
    [null, { text: true }, { value: '', format: '@' }],
    [61, {}, { value: 61, format: 'General' }],
  ])('%j %j', (v, col, want) => {
    expect(toExcelCell(v as string | number | null, col)).toEqual(want);
  });
});

test('utf8Bytes counts like the wire', () => {
  for (const s of ['abc', '学号', '😀x', 'é']) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
});

test('chunkRows respects bytes and cells and keeps every row', () => {
  const chunks = chunkRows(10, 4, (i) => (i === 5 ? 500 : 100), 300, 12);
  expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 3], [3, 5], [5, 6], [6, 9], [9, 10]]);
  expect(chunkRows(0, 4, () => 1, 10, 10)).toEqual([]);
});

test('distinct sheet names stay within 31 characters', () => {
  const taken = new Set(['附件5', '附件5(2)']);
  expect(distinctSheetName('附件5', (n) => taken.has(n))).toBe('附件5(3)');
  const long = 'x'.repeat(31);
  expect(distinctSheetName(long, (n) => n === long)).toBe('x'.repeat(28) + '(2)');
  expect(charsToPoints(8.43)).toBe(48);
});
