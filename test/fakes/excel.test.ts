/** The fake must be as strict as Excel, or the adapter tests prove nothing. */
import { installFakeOffice, sheetNameProblem, displayText } from './excel';
import type { FakeExcelController } from './excel';

let excel: FakeExcelController;

beforeEach(() => {
  excel = installFakeOffice(globalThis, {
    sheets: [{ name: '名册', values: [['学号', '姓名'], ['001', '张三']], numberFormats: [['@', '@'], ['@', '@']] }],
  });
});
afterEach(() => excel.uninstall());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a rejection');
}

describe('loading', () => {
  test('reading a property that was not loaded throws PropertyNotLoaded', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('名册').getRange('A1:B2');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' })); // loaded but not synced
      await ctx.sync();
      expect(r.values).toEqual([['学号', '姓名'], ['001', '张三']]);
      expect(() => r.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' })); // other property
    });
  });

  test('a property written but not loaded cannot be read', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('名册').getRange('C1');
      r.values = [['x']];
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
    });
  });

  test('collection items need load and sync; isNullObject needs sync', async () => {
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const missing = sheets.getItemOrNullObject('nope');
      expect(() => missing.isNullObject).toThrow();
      sheets.load('items/name');
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['名册']);
      expect(missing.isNullObject).toBe(true);
    });
  });

  test('objects of a finished Excel.run cannot be used again', async () => {
    let kept: Excel.Range | null = null;
    await Excel.run(async (ctx) => {
      kept = ctx.workbook.worksheets.getItem('名册').getRange('A1');
      await ctx.sync();
    });
    expect(() => kept!.load('values')).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
  });
});

describe('writes', () => {
  test('are applied at sync, not before', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('名册').getRange('A3:B3').values = [['甲', '李四']];
      expect(excel.values('名册')).toHaveLength(2);
      await ctx.sync();
      expect(excel.values('名册')[2]).toEqual(['甲', '李四']);
    });
  });

  test('a numeric string loses its leading zeros unless the cell is formatted "@" first', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('名册');
      ws.getRange('A4').values = [['00123']];
      const b = ws.getRange('B4');
      b.numberFormat = [['@']];
      b.values = [['00123']];
      await ctx.sync();
    });
    expect(excel.cell('名册', 'A4')).toMatchObject({ value: 123, text: '123' });
    expect(excel.cell('名册', 'B4')).toMatchObject({ value: '00123', numberFormat: '@', text: '00123' });
  });

  test('null in a values array leaves the cell unchanged, "" clears it', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('名册').getRange('A2:B2').values = [[null, '']] as unknown as string[][];
      await ctx.sync();
    });
    expect(excel.cell('名册', 'A2').value).toBe('001');
    expect(excel.cell('名册', 'B2').value).toBe('');
  });

  test('a 1×1 numberFormat applies to every cell of the range (Excel.Range reference); a 1×1 values array does not', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('名册');
      ws.getRange('D1:E3').numberFormat = [['0.00']];
      ws.getRange('D1:E3').values = [[1, 2], [3, 4], [5, 6.5]];
      await ctx.sync();
    });
    expect(['D1', 'E1', 'D3', 'E3'].map((a) => excel.cell('名册', a).numberFormat)).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(excel.cell('名册', 'E3').text).toBe('6.50');
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('D1:E3').values = [['x']];
        await ctx.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
  });

  test('an array of the wrong size is rejected', async () => {
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('A1:C1').values = [['a', 'b']];
        await ctx.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
  });

  test('a failing operation stops the batch; earlier operations stay applied', async () => {
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('D1').values = [['before']];
        ctx.workbook.worksheets.getItem('不存在').getRange('A1').values = [['x']];
        ctx.workbook.worksheets.getItem('名册').getRange('E1').values = [['after']];
        await ctx.sync();
      }),
    );
    expect(code).toBe('ItemNotFound');
    expect(excel.cell('名册', 'D1').value).toBe('before');
    expect(excel.cell('名册', 'E1').value).toBe('');
  });
});

describe('payload limits', () => {
  test('a request over 5 MB is rejected before anything is applied', async () => {
    const big = Array.from({ length: 100000 }, (_, i) => [`这是一段比较长的中文文本用来撑大请求${i}`]);
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('A1').values = [['changed']];
        ctx.workbook.worksheets.getItem('名册').getRange(`C1:C${big.length}`).values = big;
        await ctx.sync();
      }),
    );
    expect(code).toBe('RequestPayloadSizeLimitExceeded');
    expect(excel.cell('名册', 'A1').value).toBe('学号');
    expect(excel.stats.largestRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test('a load whose answer is over 5 MB is rejected', async () => {
    excel.userSet('名册', 'A10', Array.from({ length: 60000 }, (_, i) => [`这是一段比较长的中文文本用来撑大响应${i}`]));
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('名册').getUsedRange();
        r.load('values,text');
        await ctx.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  test('a single range load over 5,000,000 cells is rejected', async () => {
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('A1:Z200000').load('numberFormat');
        await ctx.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  test('counts round trips and bytes', async () => {
    excel.resetStats();
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('名册').getRange('A1:B2');
      r.load('values');
      await ctx.sync();
      await ctx.sync(); // empty: no round trip
    });
    expect(excel.stats.roundTrips).toBe(1);
    expect(excel.stats.syncCalls).toBe(3);
    expect(excel.stats.requests[0]!.responseBytes).toBe(Buffer.byteLength(JSON.stringify({ values: [['学号', '姓名'], ['001', '张三']] })));
  });
});

describe('sheet names', () => {
  test.each([
    ['a'.repeat(32), 'InvalidArgument'],
    ['a:b', 'InvalidArgument'],
    ['a\\b', 'InvalidArgument'],
    ['a/b', 'InvalidArgument'],
    ['a?b', 'InvalidArgument'],
    ['a*b', 'InvalidArgument'],
    ['a[b', 'InvalidArgument'],
    ['a]b', 'InvalidArgument'],
    ['', 'InvalidArgument'],
    ["'ab", 'InvalidArgument'],
    ['名册', 'ItemAlreadyExists'],
    ['名冊'.replace('冊', '册'), 'ItemAlreadyExists'],
  ])('add(%j) fails with %s', async (name, code) => {
    expect(await codeOf(Excel.run(async (ctx) => void ctx.workbook.worksheets.add(name)))).toBe(code);
  });

  test('uniqueness ignores case, also on rename', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('Sheet');
      await ctx.sync();
    });
    expect(await codeOf(Excel.run(async (ctx) => void ctx.workbook.worksheets.add('SHEET')))).toBe('ItemAlreadyExists');
    expect(await codeOf(Excel.run(async (ctx) => void (ctx.workbook.worksheets.getItem('名册').name = 'sheet')))).toBe('ItemAlreadyExists');
    expect(sheetNameProblem('a'.repeat(31))).toBeNull();
  });

  test('the last visible sheet cannot be deleted or hidden', async () => {
    expect(await codeOf(Excel.run(async (ctx) => ctx.workbook.worksheets.getItem('名册').delete()))).toBe('InvalidOperation');
    expect(await codeOf(Excel.run(async (ctx) => void (ctx.workbook.worksheets.getItem('名册').visibility = 'VeryHidden')))).toBe('InvalidOperation');
  });
});

describe('requirement sets and failures', () => {
  test('APIs above the configured ExcelApi throw ApiNotFound', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [{ name: 'S' }] }, { excelApi: '1.7' });
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
    expect(await codeOf(Excel.run(async (ctx) => void ctx.workbook.worksheets.getItem('S').pageLayout))).toBe('ApiNotFound');
    expect(await codeOf(Excel.run(async (ctx) => void ctx.workbook.insertWorksheetsFromBase64('')))).toBe('ApiNotFound');
  });

  test('an injected failure rejects that round trip; "none" applies nothing, "all" applies everything', async () => {
    excel.failAtRoundTrip(1, 'InactiveWorkbook');
    const write = (v: string) =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('名册').getRange('F1').values = [[v]];
        await ctx.sync();
      });
    expect(await codeOf(write('x'))).toBe('InactiveWorkbook');
    expect(excel.cell('名册', 'F1').value).toBe('');
    excel.failAtRoundTrip(1, 'ConnectionFailure', 'all');
    expect(await codeOf(write('y'))).toBe('ConnectionFailure');
    expect(excel.cell('名册', 'F1').value).toBe('y');
  });
});

test('display text follows the number format', () => {
  expect(displayText(123, '000000')).toBe('000123');
  expect(displayText(85.3, '0.00')).toBe('85.30');
  expect(displayText(45369, 'yyyy-mm-dd')).toBe('2024-03-18');
  expect(displayText(true, 'General')).toBe('TRUE');
});

describe('named ranges move with the cells (as Excel adjusts any reference)', () => {
  async function addName(address: string): Promise<void> {
    await Excel.run(async (ctx) => {
      ctx.workbook.names.add('块', ctx.workbook.worksheets.getItem('名册').getRange(address));
      await ctx.sync();
    });
  }
  async function where(): Promise<{ isNull: boolean; address?: string; type: string }> {
    return Excel.run(async (ctx) => {
      const item = ctx.workbook.names.getItem('块');
      item.load('type,value');
      const r = item.getRangeOrNullObject();
      r.load('address');
      await ctx.sync();
      return r.isNullObject ? { isNull: true, type: item.type } : { isNull: false, address: r.address, type: item.type };
    });
  }

  test('columns inserted before it shift it, inside it widen it; deleting part narrows it, all of it gives #REF!', async () => {
    await addName('D1:F3');
    excel.userInsertColumns('名册', 'B', 2);
    expect(await where()).toEqual({ isNull: false, address: '名册!F1:H3', type: 'Range' });
    excel.userInsertColumns('名册', 'G');
    expect((await where()).address).toBe('名册!F1:I3');
    excel.userInsertColumns('名册', 'F'); // at its first column: it moves right
    expect((await where()).address).toBe('名册!G1:J3');
    excel.userDeleteColumns('名册', 'F', 2); // F and G: one of its columns
    expect((await where()).address).toBe('名册!F1:H3');
    excel.userInsertRows('名册', 1);
    excel.userDeleteRows('名册', 3);
    expect((await where()).address).toBe('名册!F2:H3');
    excel.userDeleteColumns('名册', 'E', 5);
    expect(await where()).toEqual({ isNull: true, type: 'Error' });
    expect(excel.names()).toEqual({ 块: '#REF!' });
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.names.getItem('块').getRange().load('address');
      await ctx.sync();
    }))).toBe('InvalidReference');
  });

  test('cells move with inserted columns, and a renamed sheet keeps its names', async () => {
    await addName('B1:B2');
    excel.userInsertColumns('名册', 'A');
    expect(excel.values('名册')).toEqual([['', '学号', '姓名'], ['', '001', '张三']]);
    excel.userRenameSheet('名册', '学生 名册');
    expect((await where()).address).toBe("'学生 名册'!C1:C2");
  });

  test('names are checked like Excel: valid, unique ignoring case; getItemOrNullObject; delete', async () => {
    await addName('A1');
    expect(await codeOf(addName('B1'))).toBe('ItemAlreadyExists');
    const bad = (n: string) => Excel.run(async (ctx) => {
      ctx.workbook.names.add(n, ctx.workbook.worksheets.getItem('名册').getRange('A1'));
      await ctx.sync();
    });
    expect(await codeOf(bad('A1'))).toBe('InvalidArgument');
    expect(await codeOf(bad('1名称'))).toBe('InvalidArgument');
    await Excel.run(async (ctx) => {
      const none = ctx.workbook.names.getItemOrNullObject('没有');
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      ctx.workbook.names.getItem('块').delete();
      await ctx.sync();
    });
    expect(excel.names()).toEqual({});
  });
});

describe('change events and cell-edit mode', () => {
  test('worksheet.onChanged and worksheets.onChanged deliver WorksheetChanged args asynchronously, until removed', async () => {
    const got: Record<string, unknown>[] = [];
    const all: Record<string, unknown>[] = [];
    const removed: unknown[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('名册').onChanged.add(async (e) => void got.push(e as unknown as Record<string, unknown>));
      ctx.workbook.worksheets.onChanged.add(async (e) => void all.push(e as unknown as Record<string, unknown>));
      const h = ctx.workbook.worksheets.onChanged.add(async (e) => void removed.push(e));
      await ctx.sync();
      h.remove();
      await ctx.sync();
    });
    excel.userSet('名册', 'C2', [['x']]);
    expect(got).toEqual([]); // not synchronously
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([expect.objectContaining({ type: 'WorksheetChanged', changeType: 'RangeEdited', address: 'C2', source: 'Local', worksheetId: expect.any(String) })]);
    excel.userInsertColumns('名册', 'A');
    await new Promise((r) => setTimeout(r, 5));
    expect(got[1]).toMatchObject({ changeType: 'ColumnInserted', address: 'A:A' });
    expect(all).toHaveLength(2);
    expect(removed).toEqual([]);
  });

  test('while a cell is being edited every request fails with InvalidOperationInCellEditMode and nothing is applied', async () => {
    excel.setCellEditMode(true);
    const write = () => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('名册').getRange('F1').values = [['x']];
      await ctx.sync();
    });
    expect(await codeOf(write())).toBe('InvalidOperationInCellEditMode');
    expect(excel.cell('名册', 'F1').value).toBe('');
    excel.setCellEditMode(false);
    await write();
    expect(excel.cell('名册', 'F1').value).toBe('x');
  });
});
