/**
 * The --out zip (zipWriter.ts, issue 17): parts written while others are still open land whole and in
 * order, every CRC-32 taken from the gzip trailer is right (JSZip checks it, and `unzip -t` where
 * installed), a fast writer is held back by `ready()`, and a failure leaves the writer refusing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { IN_FLIGHT_BYTES, ZipFileWriter } from '../../../src/hosts/xlsx/zipWriter';
import { tempDir } from '../../cli/fixtures';

/** ZipFileWriter.finalize, awaited. */
function finish(zip: ZipFileWriter): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.on('finish', resolve);
    zip.on('error', reject);
    zip.finalize();
  });
}

test('interleaved, appended and empty parts: all there, byte for byte, CRCs right', async () => {
  const file = join(tempDir(), 'parts.zip');
  const zip = new ZipFileWriter(file);
  const a = zip.open('/xl/worksheets/sheet1.xml');
  const b = zip.open('xl/worksheets/sheet2.xml');
  let textA = '';
  let textB = '';
  for (let i = 0; i < 3000; i++) {
    const rowA = `<row r="${i + 1}"><c t="s"><v>${i}</v></c>学号${i}——示例</row>`;
    const rowB = `<row r="${i + 1}">${'附件'.repeat(i % 13)}</row>`;
    textA += rowA;
    textB += rowB;
    a.write(i % 2 ? rowA : Buffer.from(rowA));
    b.write(rowB);
  }
  // ExcelJS hands over a StringBuf it reuses: the writer copies it.
  const shared = { bytes: Buffer.from('<end/>'), toBuffer() { return this.bytes; } };
  b.write(shared);
  shared.bytes.fill(0x20);
  textB += '<end/>';
  b.end(); // the second part ends first: it waits for the first
  zip.append('<styles/>', { name: '/xl/styles.xml' });
  zip.open('empty.xml').end();
  a.end();
  await finish(zip);
  const bytes = readFileSync(file);
  const loaded = await JSZip.loadAsync(bytes, { checkCRC32: true });
  expect(Object.keys(loaded.files)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/styles.xml', 'empty.xml']);
  expect(await loaded.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(textA);
  expect(await loaded.file('xl/worksheets/sheet2.xml')!.async('string')).toBe(textB);
  expect(await loaded.file('xl/styles.xml')!.async('string')).toBe('<styles/>');
  expect(await loaded.file('empty.xml')!.async('string')).toBe('');
  const unzip = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
  if (unzip.status !== null && !unzip.error) expect(unzip.stdout).toContain('No errors detected');
});

test('a fast writer is held back: after ready() no part holds more than its limit', async () => {
  const file = join(tempDir(), 'paced.zip');
  const zip = new ZipFileWriter(file);
  const part = zip.open('big.xml');
  const piece = Buffer.from(`<row>${'成绩'.repeat(170_000)}</row>`); // ~1 MB, as rowXml.ts hands over
  let mostBefore = 0;
  for (let i = 0; i < 40; i++) {
    part.write(Buffer.from(piece));
    mostBefore = Math.max(mostBefore, zip.pending);
    if (i % 10 === 9) {
      await zip.ready();
      expect(part.gzip.needDrain).toBe(false);
    }
  }
  // The brake had something to do: more than the limit was waiting before a pause.
  expect(mostBefore).toBeGreaterThan(IN_FLIGHT_BYTES);
  part.end();
  await finish(zip);
  const loaded = await JSZip.loadAsync(readFileSync(file), { checkCRC32: true });
  expect((await loaded.file('big.xml')!.async('nodebuffer')).length).toBe(piece.length * 40);
});

test('after a failure the writer refuses: ready() and finalize() report it', async () => {
  const zip = new ZipFileWriter(join(tempDir(), 'failed.zip'));
  const part = zip.open('a.xml');
  part.write('<a/>');
  zip.abort();
  await expect(zip.ready()).rejects.toThrow('已中止');
  expect(part.write('<b/>')).toBe(false);
  await expect(finish(zip)).rejects.toThrow('已中止');
});

test('thousands of small parts finished behind a big one are closed in a loop, not by recursion (100,000 students overflowed the stack)', async () => {
  const file = join(tempDir(), 'many.zip');
  const zip = new ZipFileWriter(file);
  const big = zip.open('xl/worksheets/sheet1.xml');
  big.write('<sheetData/>');
  const N = 10_000;
  const small = Array.from({ length: N }, (_, i) => {
    const e = zip.open(`xl/worksheets/sheet${i + 2}.xml`);
    e.write(`<row r="${i}"/>`);
    e.end();
    return e;
  });
  // Every small part is deflated and complete, waiting for the big one to leave the line.
  for (let i = 0; i < 10_000 && !small.every((e) => e.done); i++) await new Promise((r) => setTimeout(r, 10));
  expect(small.every((e) => e.done)).toBe(true);
  big.end();
  await finish(zip);
  const loaded = await JSZip.loadAsync(readFileSync(file), { checkCRC32: true });
  expect(Object.keys(loaded.files)).toHaveLength(N + 1);
  expect(await loaded.file('xl/worksheets/sheet1.xml')!.async('string')).toBe('<sheetData/>');
  expect(await loaded.file(`xl/worksheets/sheet${N + 1}.xml`)!.async('string')).toBe(`<row r="${N - 1}"/>`);
}, 120_000);
