/**
 * The yardstick of issue 17 goal 2: a minimal .xlsx writer of given cells — the least a writer of these
 * cells must do. Inline strings, numbers (dates as serials), booleans; no styles, widths, merges or print
 * settings; each part deflated raw (level 1, as ExcelJS's archiver deflates: same compressed sizes) by
 * one node:zlib stream, crc32 by zlib.crc32 (node ≥ 20.15; by table in JS before), the zip written by hand
 * (local headers with known sizes, central directory). bench/write.ts times it beside `zsb run … --out` on
 * the same cells.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import zlib, { createDeflateRaw } from 'node:zlib';
import type { CellValue } from '../src/sheets/table';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const zlibCrc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;
function crc32(crc: number, b: Buffer): number {
  if (zlibCrc32) return zlibCrc32(b, crc);
  let c = ~crc;
  for (let i = 0; i < b.length; i++) c = CRC[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const esc = (s: string) => (/[<>&"]/u.test(s) ? s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;') : s);
const col = (c: number): string => (c > 26 ? col(Math.floor((c - 1) / 26)) : '') + String.fromCharCode(65 + ((c - 1) % 26));
function cellXml(ref: string, v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) return `<c r="${ref}"><v>${25569 + v.getTime() / 86400000}</v></c>`;
  if (typeof v === 'object') return `<c r="${ref}" t="e"><v>${esc(v.error)}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
}

export interface MinimalSheet {
  name: string;
  rows: readonly (readonly CellValue[] | undefined)[];
}

export async function writeMinimal(file: string, sheets: readonly MinimalSheet[]): Promise<void> {
  const fd = openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const part = async (name: string, chunks: Iterable<string>) => {
    const z = createDeflateRaw({ level: 1 });
    const out: Buffer[] = [];
    z.on('data', (b: Buffer) => out.push(b));
    const ended = new Promise((resolve, reject) => z.on('end', resolve).on('error', reject));
    let crc = 0;
    let size = 0;
    for (const text of chunks) {
      const b = Buffer.from(text, 'utf8');
      crc = crc32(crc, b);
      size += b.length;
      if (!z.write(b)) await new Promise((resolve) => z.once('drain', resolve));
    }
    z.end();
    await ended;
    const data = Buffer.concat(out);
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0x21, 12); // 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    head.copy(dir, 6, 4, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    for (const b of [head, n, data]) offset += writeSync(fd, b);
  };
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const ids = sheets.map((_, i) => i + 1);
  await part('[Content_Types].xml', [`${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`]);
  await part('_rels/.rels', [`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  await part('xl/workbook.xml', [`${xml}<workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`]);
  await part('xl/_rels/workbook.xml.rels', [`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="${rel}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`]);
  for (const [i, sheet] of sheets.entries()) {
    await part(`xl/worksheets/sheet${i + 1}.xml`, (function* () {
      yield `${xml}<worksheet ${ns}><sheetData>`;
      let text = '';
      for (let r = 0; r < sheet.rows.length; r++) {
        const row = sheet.rows[r];
        if (!row || row.length === 0) continue;
        text += `<row r="${r + 1}">${row.map((v, c) => cellXml(`${col(c + 1)}${r + 1}`, v)).join('')}</row>`;
        if (text.length > 1 << 18) {
          yield text;
          text = '';
        }
      }
      yield `${text}</sheetData></worksheet>`;
    })());
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sheets.length + 4, 8);
  end.writeUInt16LE(sheets.length + 4, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  writeSync(fd, dir);
  writeSync(fd, end);
  closeSync(fd);
}
