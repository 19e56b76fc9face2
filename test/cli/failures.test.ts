/**
 * SPEC: no stack trace reaches a user. Failures inside stream and event callbacks — where main()'s own
 * handlers cannot catch them — end `zsb run` (bin/zsb.js, the command as a user runs it) with a Chinese
 * message, an exit code ≠ 0 (1 for a file's or the system's problem, 3 for a bug), the --json file saying
 * so, and nothing half-written: no workbook, no temporary file.
 * The faults are injected into the computing node with `node --require test/cli/faults.js`; the damaged
 * inputs are real bytes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { failureText } from '../../src/cli/main';
import { tempDir, writeGradesCsv, writeRosterXlsx } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'zsb.js');
const FAULTS = join(__dirname, 'faults.js');
const CJK = /[\u4e00-\u9fff]/u;
const STACK = /\n\s+at |^\s+at /mu;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: run npm run build:cli');
});

let dir: string;
let roster: string;
let grades: string;
beforeAll(async () => {
  dir = tempDir();
  roster = join(dir, '名册.xlsx');
  grades = join(dir, '成绩.csv');
  await writeRosterXlsx(roster);
  writeGradesCsv(grades);
});

interface Run {
  status: number | null;
  stderr: string;
  json: { issues: { severity: string; code: string; message: string }[] } | null;
  out: boolean;
  /** Files of the run's folder left with a temporary name. */
  temporaries: string[];
}

let runs = 0;
/** `zsb run <inputs> --json … --out …` in its own folder, with the fault `fault` (if any) in the computing node. */
function zsb(inputs: string[], fault: string | null, env: Record<string, string> = {}, before?: (json: string) => void, more: string[] = []): Run {
  const where = join(dir, `run-${++runs}`);
  const json = join(where, '结果.json');
  const out = join(where, '结果.xlsx');
  if (before) {
    mkdirSync(where);
    before(json);
  }
  const r = spawnSync(process.execPath, [...(fault ? ['--require', FAULTS] : []), BIN, 'run', ...inputs, '--json', json, '--out', out, ...more], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ZSB_DEBUG: '', ...(fault ? { ZSB_FAULT: fault } : {}), ...env },
  });
  return {
    status: r.status,
    stderr: r.stderr,
    json: existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Run['json']) : null,
    out: existsSync(out),
    temporaries: existsSync(where) ? readdirSync(where).filter((f) => f.endsWith('.tmp')) : [],
  };
}

/** Where an entry's data starts in a zip, and its directory record (offsets from the central directory). */
function zipEntry(bytes: Buffer, name: string): { data: number; compressed: number; record: number } {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (bytes.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = bytes.readUInt32LE(at + 42);
      return { data: local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28), compressed: bytes.readUInt32LE(at + 20), record: at };
    }
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the zip`);
}

describe('a failure in the middle of writing the workbook', () => {
  test.each([
    // [fault, exit code, what the user reads, the --json issue]
    ['enospc', 1, '写出工作簿时磁盘空间不足。请清理磁盘空间', 'WRITE_FAILED'],
    ['enospc-throw', 1, '磁盘空间不足。请清理磁盘空间，或把 --out、--json、--word 写到空间足够的磁盘后重试。计算未完成，没有写出工作簿。', 'RUN_FAILED'],
    ['throw', 3, '发生内部错误（Error：injected: a stream callback failed），计算未完成，没有写出工作簿。请把输入文件和这段提示发给维护者。', 'RUN_FAILED'],
    ['reject', 3, '发生内部错误（TypeError：injected: nobody waits for this），计算未完成，没有写出工作簿。', 'RUN_FAILED'],
  ])('%s ⇒ exit %i, a Chinese message without a stack, the JSON with the error, no workbook and no temporary file', (fault, status, message, code) => {
    const r = zsb([roster, grades], fault);
    expect({ status: r.status, stack: STACK.test(r.stderr), out: r.out, temporaries: r.temporaries }).toEqual({ status, stack: false, out: false, temporaries: [] });
    expect(r.stderr).toContain(message);
    const errors = r.json!.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.code)).toEqual([code]);
    expect(errors[0]!.message).toMatch(CJK);
  });

  test('the disk is full when the --json file is written ⇒ exit 1, no half-written JSON, and no earlier run\'s JSON left as if it were this one\'s', () => {
    const r = zsb([roster, grades], 'enospc-file', { ZSB_FAULT_MATCH: '\\.json(\\.\\d+\\.tmp)?$' }, (json) => writeFileSync(json, '{"version":1,"students":["上一次运行的结果"]}'));
    expect({ status: r.status, stack: STACK.test(r.stderr), json: r.json, out: r.out, temporaries: r.temporaries }).toEqual({ status: 1, stack: false, json: null, out: false, temporaries: [] });
    // The JSON named as the user gave it, not by its temporary name.
    expect(r.stderr).toMatch(/zsb：磁盘空间不足（[^）]*\/结果\.json）。请清理磁盘空间/u);
    expect(r.stderr).toContain('也无法写出结果 JSON');
    expect(r.stderr).toContain('已删除其中上一次运行的结果');
  });

  test('the disk is full when a Word document is written (--word) ⇒ exit 1, the document named, no half-written document', async () => {
    const registered = join(dir, '名册-报名.xlsx');
    await writeRosterXlsx(registered, { registration: true });
    const word = join(dir, `word-${runs}`);
    const r = zsb([registered, grades], 'enospc-file', { ZSB_FAULT_MATCH: '\\.docx(\\.\\d+\\.tmp)?$' }, undefined, ['--word', word]);
    expect({ status: r.status, stack: STACK.test(r.stderr) }).toEqual({ status: 1, stack: false });
    expect(r.stderr).toMatch(/zsb：磁盘空间不足（[^）]*\.docx）。请清理磁盘空间/u);
    expect(readdirSync(word)).toEqual([]);
    // Not vacuous: without the fault the same run writes the documents.
    const fine = zsb([registered, grades], null, {}, undefined, ['--word', word]);
    expect(fine.status).toBe(0);
    expect(readdirSync(word).filter((f) => f.endsWith('.docx')).length).toBeGreaterThan(0);
  });

  test('not vacuous: without a fault the same run writes the workbook (exit 0), and the faults did strike mid-file', () => {
    const r = zsb([roster, grades], null);
    expect({ status: r.status, out: r.out, temporaries: r.temporaries }).toEqual({ status: 0, out: true, temporaries: [] });
    // With ZSB_FAULT_AFTER beyond the workbook's size the fault never strikes: the run succeeds.
    const late = zsb([roster, grades], 'throw', { ZSB_FAULT_AFTER: String(64 << 20) });
    expect({ status: late.status, out: late.out }).toEqual({ status: 0, out: true });
  });
});

describe('an input saved again while the run computes', () => {
  test('the base .xlsx changed between reading it and writing the result ⇒ exit 1, the file named, no workbook (not one mixing both versions)', async () => {
    const base = join(dir, '名册-运行中修改.xlsx');
    const saved = join(dir, '名册-另存.xlsx');
    await writeRosterXlsx(base);
    await writeRosterXlsx(saved, { registration: true });
    const r = zsb([base, grades], 'changed-input', { ZSB_FAULT_FILE: base, ZSB_FAULT_WITH: saved });
    expect({ status: r.status, stack: STACK.test(r.stderr), out: r.out, temporaries: r.temporaries }).toEqual({ status: 1, stack: false, out: false, temporaries: [] });
    expect(r.stderr).toContain('文件“名册-运行中修改.xlsx”在本次运行读取之后被修改过');
    expect(r.json!.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['WRITE_FAILED']);
    // Not vacuous: the file on disk is now the other one, and with it unchanged the same run writes.
    expect(readFileSync(base).equals(readFileSync(saved))).toBe(true);
    expect(zsb([base, grades], null).status).toBe(0);
  });
});

describe('a damaged .xlsx input whose error arises inside a stream', () => {
  test('a stored (uncompressed) worksheet longer than the zip directory says ⇒ exit 1, the file named, no stack', async () => {
    // JSZip unzips a stored part itself and reports the size mismatch on its stream (once an uncaught
    // 'error' event: node's stack trace, and no message naming the file).
    const zip = await JSZip.loadAsync(readFileSync(roster));
    const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const { record } = zipEntry(stored, 'xl/worksheets/sheet1.xml');
    stored.writeUInt32LE(stored.readUInt32LE(record + 24) + 7, record + 24);
    const damaged = join(dir, '名册-存储损坏.xlsx');
    writeFileSync(damaged, stored);
    const r = zsb([damaged, grades], null);
    expect({ status: r.status, stack: STACK.test(r.stderr), out: r.out, temporaries: r.temporaries }).toEqual({ status: 1, stack: false, out: false, temporaries: [] });
    expect(r.stderr).toContain('文件“名册-存储损坏.xlsx”无法作为 .xlsx 读取：读取工作表“学生名册”（xl/worksheets/sheet1.xml）时文件的压缩结构已损坏');
    expect(r.json!.issues.find((i) => i.code === 'UNREADABLE_FILE')?.message).toContain('名册-存储损坏.xlsx');
  });

  test('a deflate stream damaged in the middle of a worksheet ⇒ exit 1, the file named, no stack', () => {
    const bytes = readFileSync(roster);
    const { data, compressed } = zipEntry(bytes, 'xl/worksheets/sheet1.xml');
    for (let i = data + (compressed >> 1); i < data + (compressed >> 1) + 16; i++) bytes[i] = (bytes[i] as number) ^ 0x5a;
    const damaged = join(dir, '名册-压缩损坏.xlsx');
    writeFileSync(damaged, bytes);
    const r = zsb([damaged, grades], null);
    expect({ status: r.status, stack: STACK.test(r.stderr), out: r.out, temporaries: r.temporaries }).toEqual({ status: 1, stack: false, out: false, temporaries: [] });
    expect(r.stderr).toContain('文件“名册-压缩损坏.xlsx”无法作为 .xlsx 读取：读取工作表“学生名册”（xl/worksheets/sheet1.xml）时');
    expect(r.stderr).toMatch(CJK);
  });
});

describe('the reader of the messages goes away (zsb run … | head)', () => {
  test('writing the summary and the messages to a closed pipe ⇒ the run goes on: exit 0, the workbook and the JSON written', async () => {
    const where = join(dir, 'closed-pipe');
    mkdirSync(where);
    const [json, out] = [join(where, '结果.json'), join(where, '结果.xlsx')];
    const child = spawn(process.execPath, [BIN, 'run', roster, grades, '--json', json, '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Both pipes closed before anything is written to them (once: the node died with a stack, writing nothing).
    child.stdout.destroy();
    child.stderr.destroy();
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect({ status, out: existsSync(out), temporaries: readdirSync(where).filter((f) => f.endsWith('.tmp')) }).toEqual({ status: 0, out: true, temporaries: [] });
    expect((JSON.parse(readFileSync(json, 'utf8')) as { students: unknown[] }).students).toHaveLength(20);
  });
});

describe('failureText: the system\'s refusals are said as such, not as internal errors', () => {
  const sys = (code: string, path?: string) => Object.assign(new Error(`${code}: something, write`), { code, ...(path ? { path } : {}) });
  test.each([
    ['ENOSPC', '写出工作簿时磁盘空间不足（/d/结果.xlsx）。请清理磁盘空间，或把 --out、--json、--word 写到空间足够的磁盘后重试。'],
    ['EACCES', '写出工作簿时没有读写权限（/d/结果.xlsx）。请确认对该文件及其所在文件夹有读写权限，且文件没有被 Excel 等程序打开，再重试。'],
    ['EBUSY', '写出工作簿时文件正被其他程序使用（/d/结果.xlsx）。请关闭打开它的程序（例如 Excel、WPS）后重试。'],
    ['ENOENT', '写出工作簿时找不到文件或文件夹（/d/结果.xlsx）。请确认它没有在运行中被移动、改名或删除，再重试。'],
  ])('%s', (code, text) => {
    // The temporary name the file is written under is not shown.
    expect(failureText(sys(code, '/d/结果.xlsx.4242.tmp'), '写出工作簿时')).toEqual({ text, internal: false });
  });
  test('without a path, and an unknown code stays an internal error', () => {
    expect(failureText(sys('EIO'), '')).toEqual({ text: '磁盘读写出错。请检查磁盘（或 U 盘、网络盘是否已断开），或换一个文件夹后重试。', internal: false });
    expect(failureText(sys('EWHATEVER'), '').internal).toBe(true);
  });
});
