/**
 * The Word versions (附件8-1, 附件10-1 per 二级学院, 附件11-1) of the sample school as real .docx files:
 * unzipped, document.xml has A4, the title, 公示时间 and 监督电话, a table whose header row repeats
 * (w:tblHeader), the 落款 and date — and exactly the students the result JSON says belong on it.
 */
import JSZip from 'jszip';
import * as path from 'path';
import { defaultConfig } from '../../src/engine/config';
import type { EngineOutput } from '../../src/engine/result';
import { wordDocument } from '../../src/hosts/docx/wordWriter';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { buildWordDocs, type WordDoc } from '../../src/sheets/attachments/wordDocs';

const SAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

/** The texts of each table row of a document.xml (w:t runs joined per cell). */
function tableRows(xml: string): string[][] {
  const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
  return table
    .split('<w:tr>')
    .slice(1)
    .map((tr) => tr.split('<w:tc>').slice(1).map((tc) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('Word versions of the sample school', () => {
  let output: EngineOutput;
  let docs: WordDoc[];
  const xml = new Map<string, string>();
  const config = defaultConfig();

  beforeAll(async () => {
    const tables = workbookToTables(await loadXlsxFile(SAMPLE), SAMPLE);
    const a = analyse(tables, config);
    output = a.output!;
    docs = buildWordDocs(buildAllAttachments(output, config, { inputFingerprint: 'x', generatedAt: '2024-04-08T08:00:00Z', sources: [SAMPLE], issues: a.issues }));
    for (const d of docs) {
      const zip = await JSZip.loadAsync(await wordDocument(d));
      xml.set(d.fileName, decode(await zip.file('word/document.xml')!.async('string')));
    }
  }, 60_000);

  test('附件8-1, one 附件10-1 per 二级学院, 附件11-1', () => {
    const colleges = [...new Set(output.result.students.map((s) => output.students.get(s.studentId)!.student.college ?? ''))].sort();
    expect(docs.filter((d) => d.annex === '附件10-1').length).toBe(colleges.length);
    expect(docs.map((d) => d.annex).filter((a) => a !== '附件10-1')).toEqual(['附件8-1', '附件11-1']);
    expect(new Set(docs.map((d) => d.fileName)).size).toBe(docs.length);
  });

  test('each is a Word document: A4, title, 公示时间, 监督电话, repeated header row, 落款 and date', () => {
    for (const d of docs) {
      const x = xml.get(d.fileName)!;
      const pg = /<w:pgSz ([^>]*)\/>/.exec(x)![1]!;
      const w = Number(/w:w="(\d+)"/.exec(pg)![1]);
      const h = Number(/w:h="(\d+)"/.exec(pg)![1]);
      expect([d.fileName, [w, h].sort()]).toEqual([d.fileName, [11906, 16838]]);
      if (d.orientation === 'landscape') expect(pg).toContain('w:orient="landscape"');
      expect(x).toContain(d.title);
      expect(x).toMatch(/公示时间：\d+月\d+日/);
      expect(x).toContain(config.complaintContact);
      expect(x).toContain('<w:tblHeader/>');
      // the header row is the first row and the only one marked
      expect(x.split('<w:tblHeader/>').length).toBe(2);
      expect(x).toContain(d.signature);
      expect(x).toContain('2024年4月8日');
      expect(x.lastIndexOf('2024年4月8日')).toBeGreaterThan(x.indexOf('</w:tbl>'));
    }
  });

  function idsIn(fileName: string): string[] {
    const rows = tableRows(xml.get(fileName)!);
    const idCol = rows[0]!.indexOf('学号');
    expect(idCol).toBeGreaterThanOrEqual(0);
    return rows.slice(1).map((r) => r[idCol]!);
  }

  test('附件11-1 lists exactly the recommended students of the result', () => {
    const expected = output.result.students.filter((s) => s.status.startsWith('recommended_')).map((s) => s.studentId).sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(idsIn(docs.find((d) => d.annex === '附件11-1')!.fileName).sort()).toEqual(expected);
  });

  test('附件8-1 lists exactly the direct students', () => {
    const expected = output.result.students.filter((s) => s.direct).map((s) => s.studentId).sort();
    expect(idsIn(docs.find((d) => d.annex === '附件8-1')!.fileName).sort()).toEqual(expected);
  });

  test('附件10-1 of each college lists its registered applicants', () => {
    const applied = new Set(['recommended_quota', 'recommended_direct', 'recommended_veteran', 'substitute', 'tie_pending']);
    for (const d of docs.filter((x) => x.annex === '附件10-1')) {
      const expected = output.result.students
        .filter((s) => {
          const st = output.students.get(s.studentId)!.student;
          return applied.has(s.status) && st.registration === 'registered' && d.fileName.includes(st.college ?? '');
        })
        .map((s) => s.studentId)
        .sort();
      expect([d.fileName, idsIn(d.fileName).sort()]).toEqual([d.fileName, expected]);
    }
  });
});
