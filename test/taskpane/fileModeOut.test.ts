/**
 * Issue 17 goal 3: file mode's download is the CLI's `--out` — the same plan (the base without its big
 * sheets' rows, CSV tables from their columns, the 附件 from their models) and the same streaming writer,
 * into the browser's zip. Every part of the downloaded workbook equals the CLI's, byte for byte (the write
 * time in docProps/core.xml aside; the zip container may differ), for the internal workbook and the
 * 公示用 one, with both browser compressors (CompressionStream and fflate). File mode runs here with the
 * module graph of the browser's worker: ExcelJS's browser bundle (as webpack resolves `exceljs` there),
 * the stream writer from exceljs/lib with the archiver stubbed, fflate's inflate.
 */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { main } from '../../src/cli/main';
import { limits } from '../../src/hosts/xlsx/xlsxBase';
import { tempDir } from '../cli/fixtures';
import type { Config } from '../../src/engine/config';
import type * as CoreModule from '../../src/taskpane/file/core';
import type * as BrowserZip from '../../src/hosts/xlsx/browserZip';
import type * as Base from '../../src/hosts/xlsx/xlsxBase';
import type * as Attachments from '../../src/sheets/attachments';
import type * as ResultColumns from '../../src/sheets/resultColumns';
import type * as Fingerprint from '../../src/sheets/fingerprint';
import type * as Privacy from '../../src/sheets/privacy';
import type * as EngineConfig from '../../src/engine/config';

const SAMPLE = join(__dirname, '..', '..', 'assets', 'sample');
const quiet = { stdout: () => {}, stderr: () => {} };
const EPOCH = '1700000000';

/** File mode's modules as the worker bundles them: `exceljs` is ExcelJS's browser build. */
function browserModules() {
  let m!: {
    core: typeof CoreModule;
    zip: typeof BrowserZip;
    base: typeof Base;
    attachments: typeof Attachments;
    columns: typeof ResultColumns;
    fingerprint: typeof Fingerprint;
    privacy: typeof Privacy;
    config: typeof EngineConfig;
  };
  jest.isolateModules(() => {
    jest.doMock('exceljs', () => jest.requireActual('exceljs/dist/exceljs.min.js'));
    // …and the archiver ExcelJS's stream writer creates is a stub there too (webpack.config.js).
    jest.doMock('archiver', () => jest.requireActual('../../src/hosts/xlsx/archiverStub.js'));
    /* eslint-disable @typescript-eslint/no-require-imports */
    m = {
      core: require('../../src/taskpane/file/core'),
      zip: require('../../src/hosts/xlsx/browserZip'),
      base: require('../../src/hosts/xlsx/xlsxBase'),
      attachments: require('../../src/sheets/attachments'),
      columns: require('../../src/sheets/resultColumns'),
      fingerprint: require('../../src/sheets/fingerprint'),
      privacy: require('../../src/sheets/privacy'),
      config: require('../../src/engine/config'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return m;
}

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name]!.dir) continue;
    const text = await zip.files[name]!.async('string');
    // The time the file was written (ExcelJS's own clock, in both).
    out.set(name, name === 'docProps/core.xml' ? text.replace(/\d{4}-\d\d-\d\dT[\d:]{8}Z/gu, 'TIME') : text);
  }
  return out;
}

/** The pane's 生成并下载 in file mode, on FileCore as the worker runs it, with the CLI's 附件 meta. */
async function download(m: ReturnType<typeof browserModules>, files: string[], publicCopy: boolean, native: boolean): Promise<Uint8Array> {
  const core = new m.core.FileCore((on) => m.zip.browserGzip(on, native));
  await core.open(files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) })));
  const config: Config = m.config.defaultConfig();
  const outcome = core.analyse(core.tables, config);
  expect(outcome.output).not.toBeNull();
  for (const b of m.columns.buildResultBlocks(outcome.output!, outcome.parsed!.sheets)) await core.writeResultBlock(b);
  const models = core.attachments(outcome.run, config, {
    inputFingerprint: m.fingerprint.fingerprintTables(core.tables),
    generatedAt: new Date(Number(EPOCH) * 1000).toISOString(),
    sources: files.map((f) => basename(f)),
    issues: outcome.issues,
    previous: null,
  });
  const names = await core.writeOwnedSheets(models);
  const omit = publicCopy ? [...models.filter((x) => !x.publicity).map((x) => names.get(x.name) ?? x.name), ...m.privacy.sensitiveSheets(core.tables).map((s) => s.sheet)] : [];
  // Settings as the CLI stores them (the config it ran with, no column choices).
  return core.resultBytes(config, null, omit);
}

async function cli(files: string[], publicCopy: boolean): Promise<Uint8Array> {
  const out = join(tempDir(), 'cli.xlsx');
  expect(await main(['run', ...files, '--out', out, ...(publicCopy ? ['--public'] : [])], quiet)).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('file mode download = the CLI --out, part by part', () => {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const saved = limits.bigSheet;
  beforeAll(() => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
  });
  afterAll(() => {
    if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = epoch;
    limits.bigSheet = saved;
  });

  it.each([
    // Every sheet of the base but the roster (the result block) and the meta sheet read again row by row.
    ['the sample .xlsx, its big sheets read row by row, CompressionStream', [join(SAMPLE, '示例学校-2024专升本.xlsx')], false, true, 1],
    ['the sample .xlsx whole, fflate', [join(SAMPLE, '示例学校-2024专升本.xlsx')], false, false, 32 << 20],
    // A CSV grade table written from its columns (and kept for the next download); the 公示用 workbook.
    ['.xlsx + GBK CSV, 公示用, CompressionStream', [join(SAMPLE, '示例学校-2024专升本-不含成绩.xlsx'), join(SAMPLE, '成绩-GBK.csv')], true, true, 1],
    ['.xlsx + GBK CSV, internal, fflate', [join(SAMPLE, '示例学校-2024专升本-不含成绩.xlsx'), join(SAMPLE, '成绩-GBK.csv')], false, false, 1],
  ])('%s', async (_label, files, publicCopy, native, bigSheet) => {
    limits.bigSheet = bigSheet;
    const m = browserModules();
    m.base.limits.bigSheet = bigSheet;
    const expected = await parts(await cli(files, publicCopy));
    const got = await parts(await download(m, files, publicCopy, native));
    expect([...got.keys()]).toEqual([...expected.keys()]);
    const differ = [...expected].filter(([name, text]) => got.get(name) !== text).map(([name]) => name);
    expect(differ).toEqual([]);
    // The 公示用 workbook leaves sheets out (附件7, 计算说明…, the roster with ID numbers).
    if (publicCopy) expect(got.size).toBeLessThan((await parts(await cli(files, false))).size);
  }, 120_000);

  it('two downloads from one computation (internal, then 公示用, then internal) give the CLI workbook each time', async () => {
    limits.bigSheet = 1;
    const m = browserModules();
    m.base.limits.bigSheet = 1;
    const files = [join(SAMPLE, '示例学校-2024专升本-不含成绩.xlsx'), join(SAMPLE, '成绩-GBK.csv')];
    const internal = await parts(await cli(files, false));
    const publicParts = await parts(await cli(files, true));
    const core = new m.core.FileCore();
    await core.open(files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) })));
    const config = m.config.defaultConfig();
    const outcome = core.analyse(core.tables, config);
    for (const b of m.columns.buildResultBlocks(outcome.output!, outcome.parsed!.sheets)) await core.writeResultBlock(b);
    const models = core.attachments(outcome.run, config, { inputFingerprint: m.fingerprint.fingerprintTables(core.tables), generatedAt: new Date(Number(EPOCH) * 1000).toISOString(), sources: files.map((f) => basename(f)), issues: outcome.issues, previous: null });
    const names = await core.writeOwnedSheets(models);
    const omit = [...models.filter((x) => !x.publicity).map((x) => names.get(x.name) ?? x.name), ...m.privacy.sensitiveSheets(core.tables).map((s) => s.sheet)];
    expect(await parts(await core.resultBytes(config, null, []))).toEqual(internal);
    expect(await parts(await core.resultBytes(config, null, omit))).toEqual(publicParts);
    // The CSV table was not emptied by the first download, nor the 附件 record by the 公示用 one.
    expect(await parts(await core.resultBytes(config, null, []))).toEqual(internal);
  }, 120_000);

  it('a failure while writing is a Chinese message (no stack, no bytes); the next download works', async () => {
    const m = browserModules();
    const files = [join(SAMPLE, '示例学校-2024专升本-不含成绩.xlsx'), join(SAMPLE, '成绩-GBK.csv')];
    let broken = true;
    const core = new m.core.FileCore((on) => {
      if (broken) throw new TypeError('compressor exploded');
      return m.zip.browserGzip(on, false);
    });
    await core.open(files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) })));
    const config = m.config.defaultConfig();
    const outcome = core.analyse(core.tables, config);
    for (const b of m.columns.buildResultBlocks(outcome.output!, outcome.parsed!.sheets)) await core.writeResultBlock(b);
    const failure = await core.resultBytes(config, null, []).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('生成工作簿时发生内部错误（TypeError：compressor exploded），没有生成下载文件。请把输入文件和这段提示发给维护者。');
    broken = false;
    const bytes = await core.resultBytes(config, null, []);
    expect((await parts(bytes)).has('xl/workbook.xml')).toBe(true);
  }, 120_000);

  it('a result block for a sheet that was a placeholder (rows read again from the file): the workbook is built again with that sheet whole, earlier writes kept', async () => {
    limits.bigSheet = 1;
    const m = browserModules();
    m.base.limits.bigSheet = 1;
    const file = join(SAMPLE, '示例学校-2024专升本.xlsx');
    const core = new m.core.FileCore();
    await core.open([{ name: basename(file), bytes: new Uint8Array(readFileSync(file)) }]);
    const config = m.config.defaultConfig();
    const outcome = core.analyse(core.tables, config);
    const [roster] = m.columns.buildResultBlocks(outcome.output!, outcome.parsed!.sheets);
    await core.writeResultBlock(roster!);
    const models = core.attachments(outcome.run, config, { inputFingerprint: 'f', generatedAt: new Date(Number(EPOCH) * 1000).toISOString(), sources: [], issues: outcome.issues, previous: null });
    await core.writeOwnedSheets(models);
    // 成绩 is no roster: so far a placeholder. A block there (as if a corrected column made it one).
    const grades = core.tables.find((t) => t.sheet === '成绩')!;
    await core.writeResultBlock({ ...roster!, sheet: '成绩', headerRow: grades.originRow, rows: [] });
    const { streamXlsxTables } = await import('../../src/hosts/xlsx/streamRead');
    const out = new Map((await streamXlsxTables(await core.resultBytes(config, null, []), 'out.xlsx')).map((sh) => [sh.name, sh.table]));
    // 成绩 whole (every row of the file), its header row with the block's headers after the data.
    expect(out.get('成绩')!.rows.length).toBe(grades.rows.length);
    expect(out.get('成绩')!.rows[0]!.slice(grades.rows[0]!.length)).toEqual(roster!.headers);
    // The roster's block and the 附件, written before the rebuild, are there.
    const rosterOut = out.get(roster!.sheet)!;
    expect(rosterOut.rows.some((r) => r.includes('平均成绩'))).toBe(true);
    expect(models.every((x) => out.has(x.name))).toBe(true);
  }, 120_000);
});
