/**
 * Issue 14 property: any byte-level corruption (bits flipped, the file cut short, bytes inserted) of a
 * valid small .xlsx or .csv ends in exit 0 or a located Chinese error (exit 1, the JSON written with the
 * error, no workbook) — never an exception out of main(), a hang, exit 3, a stack trace or a library's
 * English.
 * Run in-process through the CLI's main() (a child process per case would take minutes). The .xlsx is
 * tried both as written (deflated: most damage hits the zip and inflate layers) and stored without
 * compression (damage reaches the XML and cell readers directly; JSZip does not check CRCs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import type { ResultJson } from '../../src/engine/result';
import { CORPUS, tempDir } from './helpers';

const CJK = /[\u4e00-\u9fff]/u;
const NOT_FOR_USERS = /\n\s+at |Corrupted zip|undefined entity|Invalid string length|Cannot read prop|TypeError|RangeError|内部错误/u;

type Damage = { kind: 'flip'; at: number[]; bits: number[] } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: number[] };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), bits: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 4, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
);

function apply(bytes: Buffer, d: Damage): Buffer {
  const n = bytes.length;
  if (d.kind === 'cut') return bytes.subarray(0, d.at % n);
  if (d.kind === 'insert') {
    const at = d.at % (n + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes), bytes.subarray(at)]);
  }
  const out = Buffer.from(bytes);
  d.at.forEach((a, i) => {
    const p = a % n;
    out[p] = (out[p] as number) ^ (1 << (d.bits[i] as number));
  });
  return out;
}

let runs = 0;
/** Outcomes seen ("exit codes"), so that the property is shown not to hold vacuously. */
const seen = new Map<string, number>();
/** Runs `zsb run` on the files (the damaged one among them) and checks the outcome. */
async function check(files: { name: string; bytes: Buffer }[]): Promise<void> {
  const dir = tempDir('zsb-damage-');
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  const json = join(dir, 'result.json');
  const out = join(dir, 'out.xlsx');
  // Every third run writes a workbook too (the writer meets what the reader let through).
  const argv = ['run', ...files.map((f) => join(dir, f.name)), '--json', json, ...(runs++ % 3 === 0 ? ['--out', out] : [])];
  const io = { err: '' };
  // A hang is a failure too (a damaged deflate stream once left a promise unsettled).
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), 10_000)));
  const exit = await Promise.race([main(argv, { stdout: () => {}, stderr: (t) => (io.err += t) }), hang]);
  clearTimeout(timer);
  expect({ exit, stderr: NOT_FOR_USERS.test(io.err) ? io.err : 'clean' }).toEqual({ exit: exit === 0 ? 0 : 1, stderr: 'clean' });
  expect(existsSync(json)).toBe(true);
  const result = JSON.parse(readFileSync(json, 'utf8')) as ResultJson;
  const k = `${exit} ${[...new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.code))].sort().join(',')}`;
  seen.set(k, (seen.get(k) ?? 0) + 1);
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (exit === 1) {
    expect(errors.length).toBeGreaterThan(0);
    expect(existsSync(out)).toBe(false);
  } else expect(errors).toEqual([]);
  for (const i of result.issues) expect(i.message).toMatch(CJK);
  // A file the reader refused is named in its message.
  for (const i of errors.filter((e) => e.code === 'UNREADABLE_FILE')) expect(files.some((f) => i.message.includes(f.name))).toBe(true);
}

const SCHOOL = readFileSync(join(CORPUS, '01-baseline', '学校.xlsx'));
const SCHOOL_NO_GRADES = readFileSync(join(CORPUS, '32-csv-tab', '学校.xlsx'));
const GRADES_CSV = readFileSync(join(CORPUS, '33-csv-semicolon', '成绩.csv'));
const GRADES_GBK = readFileSync(join(CORPUS, '31-csv-gbk', '成绩.csv'));

async function stored(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

jest.setTimeout(60_000);

describe('any byte-level corruption ⇒ exit 0 or a located Chinese error, never a crash', () => {
  test('the school .xlsx, deflated and stored', async () => {
    const plain = await stored(SCHOOL);
    await fc.assert(
      fc.asyncProperty(damage, fc.boolean(), async (d, useStored) => {
        await check([{ name: '学校.xlsx', bytes: apply(useStored ? plain : SCHOOL, d) }]);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
  test('a grades .csv (UTF-8 with BOM, semicolons; GBK)', async () => {
    await fc.assert(
      fc.asyncProperty(damage, fc.boolean(), async (d, gbk) => {
        await check([
          { name: '学校.xlsx', bytes: SCHOOL_NO_GRADES },
          { name: '成绩.csv', bytes: apply(gbk ? GRADES_GBK : GRADES_CSV, d) },
        ]);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
  test('random seeds too (a new sample each run)', async () => {
    const plain = await stored(SCHOOL);
    await fc.assert(
      fc.asyncProperty(damage, fc.constantFrom('xlsx', 'stored', 'csv'), async (d, which) => {
        if (which === 'csv') await check([{ name: '学校.xlsx', bytes: SCHOOL_NO_GRADES }, { name: '成绩.csv', bytes: apply(GRADES_CSV, d) }]);
        else await check([{ name: '学校.xlsx', bytes: apply(which === 'stored' ? plain : SCHOOL, d) }]);
      }),
      { numRuns: 100 },
    );
  });
  test('not vacuous: damage that reads through (exit 0), damaged files refused, and damage caught in the cells (a located issue)', () => {
    const outcomes = [...seen.keys()];
    expect(outcomes).toContain('0 ');
    expect(outcomes.some((k) => k.startsWith('1 ') && k.includes('UNREADABLE_FILE'))).toBe(true);
    expect(outcomes.some((k) => k.startsWith('1 ') && !k.includes('UNREADABLE_FILE'))).toBe(true);
  });
});
