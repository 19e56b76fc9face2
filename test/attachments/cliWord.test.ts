/**
 * `zsb run … --word <目录>` writes the Word versions (creating the directory), refuses a path that is an
 * input or a file; and the CLI's streaming --out carries each 附件's print settings (page breaks,
 * 内部资料 header, repeated rows/columns), not only the in-memory writer.
 */
import JSZip from 'jszip';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIO } from '../../src/cli/main';

const SAMPLE = resolve(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('zsb run --word', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsb-word-'));

  test('writes 附件8-1, 附件10-1 per college and 附件11-1 into a new directory; --out carries print settings', async () => {
    const wordDir = join(dir, 'new', 'Word版');
    const out = join(dir, 'out.xlsx');
    const io = capture();
    expect(await main(['run', SAMPLE, '--out', out, '--word', wordDir], io)).toBe(0);
    const files = readdirSync(wordDir).sort();
    expect(files).toEqual([
      '附件10-1 机电工程学院申报名单公示.docx',
      '附件10-1 电子信息工程学院申报名单公示.docx',
      '附件10-1 财经与物流管理学院申报名单公示.docx',
      '附件11-1 拟推荐名单公示.docx',
      '附件8-1 不占指标升本名单.docx',
    ].sort());
    for (const f of files) {
      const zip = await JSZip.loadAsync(readFileSync(join(wordDir, f)));
      expect(await zip.file('word/document.xml')!.async('string')).toContain('<w:tblHeader/>');
    }
    expect(io.err).toContain('已写出 Word 版公示 5 个');

    // the streaming writer's sheets: manual breaks, explicit scale, 内部资料 on 附件7, print titles
    const zip = await JSZip.loadAsync(readFileSync(out));
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const internal = sheets.filter((x) => x.includes('内部资料　严禁外传'));
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatch(/<oddHeader>[^<]*内部资料/);
    expect(internal[0]).toMatch(/<rowBreaks count="\d+"/);
    expect(sheets.filter((x) => /<pageSetup[^>]*scale="\d+"/.test(x) && x.includes('<rowBreaks')).length).toBeGreaterThan(10);
    const book = (await zip.file('xl/workbook.xml')!.async('string')).replace(/&apos;/g, "'");
    expect(book).toMatch(/_xlnm\.Print_Titles[^>]*>'附件7-生源数据（内部）'!\$A:\$C,/);
    expect(book).toMatch(/_xlnm\.Print_Titles[^>]*>'附件16-对口招录计划'!\$\d+:\$\d+</);
  }, 120_000);

  test('refuses an input file or an existing file as the directory (exit 2, nothing written)', async () => {
    const io = capture();
    expect(await main(['run', SAMPLE, '--word', SAMPLE], io)).toBe(2);
    expect(io.err).toContain('是输入文件，不能覆盖');
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'x');
    const io2 = capture();
    expect(await main(['run', SAMPLE, '--word', file], io2)).toBe(2);
    expect(io2.err).toContain('是一个已有的文件');
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
