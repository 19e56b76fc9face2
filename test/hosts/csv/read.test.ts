import { csvToTable, decodeCsv, detectDelimiter, parseCsvText, sheetNameOf } from '../../../src/hosts/csv/read';
import { InputFileError } from '../../../src/hosts/xlsx/read';

/** Known GB18030 (GBK) bytes, from Python's encoder: Node has no GB18030 encoder. */
const GBK: Record<string, number[]> = {
  学号: [0xd1, 0xa7, 0xba, 0xc5],
  姓名: [0xd0, 0xd5, 0xc3, 0xfb],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  专业: [0xd7, 0xa8, 0xd2, 0xb5],
  年级: [0xc4, 0xea, 0xbc, 0xb6],
  机电: [0xbb, 0xfa, 0xb5, 0xe7],
};
function gbk(parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      for (const ch of p) {
        if (ch.charCodeAt(0) >= 0x80) throw new Error(`no GBK bytes for ${ch}`);
        out.push(ch.charCodeAt(0));
      }
    } else out.push(...p);
  }
  return new Uint8Array(out);
}

describe('CSV decoding', () => {
  test('GBK/GB18030 bytes (no BOM, invalid as UTF-8) are decoded as GB18030', () => {
    const bytes = gbk([GBK.学号!, ',', GBK.姓名!, ',', GBK.专业!, ',', GBK.年级!, '\r\n', '001,', GBK.张三!, ',', GBK.机电!, ',2021\r\n']);
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('gb18030');
    expect(text).toBe('学号,姓名,专业,年级\r\n001,张三,机电,2021\r\n');
    const t = csvToTable(bytes, '名册.csv');
    expect(t.sheet).toBe('名册');
    expect(t.rows).toEqual([
      ['学号', '姓名', '专业', '年级'],
      ['001', '张三', '机电', '2021'],
    ]);
  });

  test('UTF-8 with and without BOM', () => {
    const plain = new TextEncoder().encode('学号,姓名\n1,张三\n');
    expect(decodeCsv(plain)).toEqual({ text: '学号,姓名\n1,张三\n', encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeCsv(bom).text).toBe('学号,姓名\n1,张三\n');
  });

  test('UTF-16 LE with BOM (Excel "Unicode text")', () => {
    const s = '学号\t姓名\r\n1\t张三\r\n';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      bytes[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    const t = csvToTable(bytes, 'x.txt');
    expect(t.delimiter).toBe('\t');
    expect(t.rows).toEqual([
      ['学号', '姓名'],
      ['1', '张三'],
    ]);
  });

  /** UTF-16 LE bytes with BOM, code unit by code unit (lone surrogates can be written this way). */
  const utf16 = (units: number[], extra: number[] = []) => new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8]), ...extra]);
  const unitsOf = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

  test('UTF-16 LE with damaged bytes is a located error naming the file and the line, never U+FFFD', () => {
    // Line 3 holds a lone high surrogate (0xD835 followed by "三", not a low surrogate).
    const damaged = utf16([...unitsOf('学号\t姓名\r\n1\t张\r\n2\t'), 0xd835, ...unitsOf('三\r\n')]);
    expect(new TextDecoder('utf-16le').decode(damaged.subarray(2))).toContain('\ufffd'); // what was read before
    let err: unknown;
    try {
      csvToTable(damaged, '名册.txt');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as InputFileError).message).toMatch(/^文件“名册\.txt”第3行有损坏的字节：文件是 UTF-16/u);
    expect((err as InputFileError).at).toEqual({ sheet: '名册', row: 3 });
    // A lone low surrogate on line 1, and an odd byte at the end (a cut file) on line 2.
    expect(() => csvToTable(utf16([0xdc00, ...unitsOf('\t姓名\r\n')]), 'a.txt')).toThrow(/第1行有损坏的字节/u);
    expect(() => csvToTable(utf16(unitsOf('学号\t姓名\r\n1\t张三'), [0x41]), 'b.txt')).toThrow(/第2行有损坏的字节/u);
  });

  test('UTF-16 LE with a surrogate pair (a character beyond U+FFFF) is read as it is', () => {
    const t = csvToTable(utf16(unitsOf('学号\t姓名\r\n1\t𠀋三\r\n')), 'c.txt');
    expect(t.rows[1]).toEqual(['1', '𠀋三']);
  });
});

describe('delimiter detection and RFC 4180', () => {
  test.each([
    ['学号,姓名,成绩\n1,甲,90\n2,乙,80\n', ','],
    ['学号\t姓名\t成绩\n1\t甲\t90\n', '\t'],
    ['学号;姓名;成绩\n1;甲;"90,5"\n2;乙;80\n', ';'],
    ['"a,b";c;d\n"e,f";g;h\n', ';'],
  ])('%j → %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });

  test('quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF, missing final newline', () => {
    expect(parseCsvText('a,"b,c","say ""hi""","line1\r\nline2"\r\n1,,3,4', ',')).toEqual([
      ['a', 'b,c', 'say "hi"', 'line1\r\nline2'],
      ['1', '', '3', '4'],
    ]);
  });

  test('short rows are padded; empty fields are null; text keeps leading zeros', () => {
    const t = csvToTable(new TextEncoder().encode('学号,姓名,专业\n007,甲\n'), 'a.csv');
    expect(t.rows).toEqual([
      ['学号', '姓名', '专业'],
      ['007', '甲', null],
    ]);
  });

  test('a binary file is refused with a Chinese message', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(() => csvToTable(zip, '成绩.csv')).toThrow(InputFileError);
    expect(() => csvToTable(zip, '成绩.csv')).toThrow(/不是文本格式的 CSV/);
  });

  test('sheet names from file names are valid worksheet names', () => {
    expect(sheetNameOf('/tmp/成绩[2023].csv')).toBe('成绩_2023_');
    expect(sheetNameOf('a'.repeat(40) + '.csv')).toHaveLength(31);
  });
});
