/**
 * `zsb run <inputs…> [--config settings.json] [--json result.json] [--out result.xlsx [--public]] [--word dir]`
 * (issue 2; --word: the Word versions of 附件8/10/11, issue 19; --public: the 公示用工作簿, issue 18).
 * Exit codes: 0 ok (warnings allowed), 1 any error issue (the JSON is still written, no workbook),
 * 2 bad usage, 3 an internal error (a bug). Summary on stdout; issues, one per line, and progress on stderr.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { writeWhole } from '../hosts/wholeFile';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultConfig, parseConfig, type Config } from '../engine/config';
import { describeLocation, hasErrors, issueAt, type Issue } from '../engine/issues';
import type { ResultJson } from '../engine/result';
import { META_SHEET, type MetaRecord } from '../hosts/meta';
import { applyOverrides, type Overrides } from '../sheets/overrides';
import { SheetWriteError } from '../hosts/xlsx/fileHost';
import { isLegacyName, isOleBytes } from '../hosts/xls/read';
import { InputSet, isCsvName } from '../hosts/xlsx/loadInputs';
import { InputFileError } from '../hosts/xlsx/read';
import type { StreamedWorkbook } from '../hosts/xlsx/streamRead';
import { analyse, resultJson, type Analysis } from '../pipeline';
import { buildAllAttachments } from '../sheets/attachments';
import type { SheetModel } from '../sheets/attachments/model';
import { buildWordDocs } from '../sheets/attachments/wordDocs';
import { fingerprintTables } from '../sheets/fingerprint';
import type { RawTable } from '../sheets/table';
import type { FingerprintJob } from './fingerprintWorker';
import { buildResultBlocks } from '../sheets/resultColumns';
import { PRODUCT_NAME, VERSION } from '../version';
import type { XlsxSource } from '../hosts/xlsx/resultWorkbook';
import { readSnapshot } from '../sheets/attachments/changeReport';
import { sensitiveSheets } from '../sheets/privacy';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const USAGE = `${PRODUCT_NAME} ${VERSION} — 专升本成绩排名与推荐命令行

用法：
  zsb run <输入文件…> [--config 设置.json] [--json 结果.json] [--out 结果.xlsx [--public] [--no-input-sheets]] [--word 目录]
  zsb --help      显示本说明
  zsb --version   显示版本

输入文件可以是任意数量的 .xlsx、.xls、WPS .et 和 .csv（UTF-8 或 GBK 编码），每个工作表的类型
（学生名册、成绩、教学计划、获奖与荣誉、对口招录计划）按表头自动识别。

选项：
  --config <文件>  设置（JSON，未写的项取《实施细则》默认值）；不给时使用工作簿中保存的设置
  --json <文件>    写出机器可读的结果（SPEC §3.3），有错误时也会写出
  --out <文件>     写出工作簿：输入表 + 名册右侧的结果列 + 附件表；有错误时不写
  --public         与 --out 同用：写出公示用工作簿，不含附件7、计算说明、结果快照、结果变更说明，
                   也不含任何有身份证号、手机号或家庭住址的输入表（如学生名册）；可发给张贴公示的同事
  --no-input-sheets 与 --out 同用：工作簿中不写入输入表（成绩、教学计划等；写有结果列的名册保留），
                   全校一起运行时文件小得多、写得快得多；默认写入，便于把一个工作簿整体发给别人
  --word <目录>    在该目录（没有则新建）写出 Word 版公示：附件8-1、各二级学院附件10-1、附件11-1；有错误时不写

退出码：0 成功（可有警告）；1 有错误（见标准错误输出）；2 用法错误；3 程序内部错误。

示例：
  npx zsb run 名册.xlsx 成绩.csv --json 结果.json --out 结果.xlsx
`;

class UsageError extends Error {}

const timings = () => process.env.ZSB_TIMINGS === '1' || process.env.ZSB_TIMINGS === '2';

/**
 * With env ZSB_TIMINGS=1 (or 2: see stepTimer) each phase prints "耗时 <phase> <ms> ms" and "内存 <phase> <MB> MB" (peak
 * resident set size so far) on stderr (bench/cli.ts parses them), after a line "节点参数 …" naming the
 * node options in effect.
 */
function phaseTimer(io: CliIO): (phase: string) => void {
  if (!timings()) return () => {};
  // The node options in effect (bin/zsb.js restarts node with a larger young generation for big inputs).
  io.stderr(`节点参数 ${process.execArgv.join(' ') || '（无）'}\n`);
  let t = performance.now();
  return (phase) => {
    const now = performance.now();
    const rss = process.resourceUsage().maxRSS / 1024;
    io.stderr(`耗时 ${phase} ${(now - t).toFixed(0)} ms\n内存 ${phase} ${rss.toFixed(0)} MB\n`);
    t = now;
  };
}

interface RunArgs {
  inputs: string[];
  config?: string;
  json?: string;
  out?: string;
  word?: string;
  /** --out writes the 公示用工作簿 (issue 18). */
  public?: boolean;
  /** --out leaves the input sheets out, except those carrying the result columns (issue 17). */
  noInputSheets?: boolean;
}

function parseArgs(args: string[]): RunArgs {
  const out: RunArgs = { inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--public') {
      if (out.public) throw new UsageError('选项 --public 只能给一次。');
      out.public = true;
      continue;
    }
    if (a === '--no-input-sheets') {
      if (out.noInputSheets) throw new UsageError('选项 --no-input-sheets 只能给一次。');
      out.noInputSheets = true;
      continue;
    }
    const m = /^--(config|json|out|word)(?:=(.*))?$/u.exec(a);
    if (m) {
      const key = m[1] as 'config' | 'json' | 'out' | 'word';
      const value = m[2] ?? args[++i];
      if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) {
        throw new UsageError(`选项 --${key} 后面需要一个文件名。`);
      }
      if (out[key] !== undefined) throw new UsageError(`选项 --${key} 只能给一次。`);
      out[key] = value;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`未知选项“${a}”。`);
    } else out.inputs.push(a);
  }
  if (out.inputs.length === 0) throw new UsageError('没有给出输入文件。');
  for (const f of out.inputs) {
    const ext = extname(f).toLowerCase();
    if (!['.xlsx', '.xlsm', '.csv', '.txt', '.xls', '.et'].includes(ext)) {
      throw new UsageError(`不支持的文件类型“${f}”：只能读取 .xlsx、.xlsm、.xls、.et（WPS）和 .csv。`);
    }
    if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`找不到输入文件“${f}”。`);
  }
  if (out.public && !out.out) throw new UsageError('--public 要与 --out 同用：它让 --out 写出公示用工作簿（不含附件7和含身份证号的表）。');
  if (out.noInputSheets && !out.out) throw new UsageError('--no-input-sheets 要与 --out 同用：它让 --out 写出的工作簿不含输入表。');
  if (out.out && extname(out.out).toLowerCase() !== '.xlsx') throw new UsageError(`--out 的文件名应以 .xlsx 结尾：“${out.out}”。`);
  // --word first: its message says a directory is wanted.
  if (out.word) checkWordDir(out.word, out.inputs);
  checkOutputs(out);
  return out;
}

/**
 * SPEC §4.7: no output (--json, --out) may name an input (the data files and --config), nor the other
 * output. Compared by the real path (symbolic links resolved, `..` and `./` removed), ignoring case
 * (Windows and macOS disks: 成绩.CSV is 成绩.csv), and, when the output exists, by the file's identity
 * (device and inode: hard links).
 */
function checkOutputs(args: RunArgs): void {
  const inputs = [...args.inputs, ...(args.config ? [args.config] : [])].map((f) => ({ name: f, ...identity(f) }));
  // Every file option but --config is an output (--json, --out, and any added later): all are checked.
  const outputs = Object.entries(args).flatMap(([k, v]) => (k === 'inputs' || k === 'config' || typeof v !== 'string' ? [] : [{ option: k, name: v, ...identity(v) }]));
  const same = (a: ReturnType<typeof identity>, b: ReturnType<typeof identity>) => a.key === b.key || (a.ino !== null && a.dev === b.dev && a.ino === b.ino);
  for (const o of outputs) {
    const input = inputs.find((i) => same(i, o));
    if (input) throw new UsageError(`--${o.option} 的文件“${o.name}”就是输入文件“${input.name}”，写出会覆盖输入。请给 --${o.option} 换一个文件名。`);
  }
  outputs.forEach((a, i) => {
    const b = outputs.slice(i + 1).find((o) => same(a, o));
    if (b) throw new UsageError(`--${a.option} 和 --${b.option} 指向同一个文件“${b.name}”。请给它们不同的文件名。`);
  });
}

/** A path's real location (folder resolved through links, the file itself when it exists), case-folded, and its inode. */
function identity(path: string): { key: string; dev: number | null; ino: number | null } {
  let real = resolve(path);
  try {
    real = realpathSync(path);
  } catch {
    try {
      real = join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      // The folder does not exist yet (it is created when the output is written): nothing to resolve.
    }
  }
  try {
    const st = statSync(path);
    return { key: real.toLowerCase(), dev: st.dev, ino: st.ino };
  } catch {
    return { key: real.toLowerCase(), dev: null, ino: null };
  }
}

/**
 * --word names a directory (created when absent), never an input file or another existing file (SPEC
 * §4.7: inputs are never written). The documents are .docx, which no input can be; writeWordDocs still
 * checks every file it writes.
 */
function checkWordDir(dir: string, inputs: readonly string[]): void {
  if (inputs.some((f) => resolve(f) === resolve(dir))) throw new UsageError(`--word 需要一个目录，“${dir}”是输入文件，不能覆盖，请换一个目录。`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--word 需要一个目录，但“${dir}”是一个已有的文件，请换一个目录。`);
}

/** Writes the Word versions into `dir` (created when absent); returns the files written. */
async function writeWordDocs(models: readonly SheetModel[], dir: string, inputs: readonly string[]): Promise<string[]> {
  const { wordDocument } = await import('../hosts/docx/wordWriter');
  await mkdir(dir, { recursive: true });
  const inputPaths = new Set(inputs.map((f) => resolve(f)));
  const written: string[] = [];
  for (const doc of buildWordDocs(models)) {
    const file = join(dir, doc.fileName);
    if (inputPaths.has(resolve(file))) throw new UsageError(`--word 写出的“${file}”会覆盖输入文件，请换一个目录。`);
    const bytes = await wordDocument(doc);
    await writeWhole(file, (tmp) => writeFile(tmp, bytes));
    written.push(file);
  }
  return written;
}

async function loadConfigFile(path: string): Promise<Config> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`设置文件“${path}”无法读取或不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  const r = parseConfig(raw);
  if ('problems' in r) throw new UsageError(`设置文件“${path}”有误：\n${r.problems.map((p) => `  ${p.path}：${p.message}`).join('\n')}`);
  return r.config;
}

/** An .xlsx read sheet by sheet; loaded (without its big sheets' rows) only when the result is written. */
interface StreamedFile {
  path: string;
  workbook: StreamedWorkbook;
  meta: MetaRecord | null;
}

/**
 * Reads the input files (rules shared with the browser's file mode: src/hosts/xlsx/loadInputs.ts).
 * An .xlsx is read sheet by sheet with the streaming reader (the same tables as a whole-workbook load,
 * a fraction of its time and memory); for --out the first one is the base and the others' sheets are
 * copied, both from the file again when the result is written (xlsxBase.ts).
 */
async function loadInputs(files: string[], io: CliIO, verbose: boolean): Promise<{ loaded: InputSet; pending: PendingFiles }> {
  const loaded = new InputSet();
  const pending: PendingFiles = { base: null, others: new Map() };
  for (const [index, file] of files.entries()) {
    const name = basename(file);
    if (verbose) io.stderr(`正在读取 ${name} …\n`);
    try {
      // CSV, .xls/.et (and an .xls saved under an .xlsx name) are read whole; an .xlsx is streamed.
      if (isCsvName(name) || isLegacyName(name) || (await startsWithOle(file))) {
        await loaded.addFile(name, new Uint8Array(await readFile(file)));
        continue;
      }
      const isBase = !loaded.hasWorkbook;
      // The .xlsx reader (and ExcelJS) imported only now: a CSV-only run never loads it (issue 17).
      const { streamXlsx } = await import('../hosts/xlsx/streamRead');
      const workbook = await streamXlsx(file, name);
      const key = `${index}:${name}`;
      const meta = loaded.addSheetTables(name, workbook.sheets, key);
      if (isBase) pending.base = { path: file, workbook, meta };
      else pending.others.set(key, { path: file, workbook, meta });
    } catch (e) {
      // Whatever a file makes the reader do, it is that file's error (named), never a crash.
      const f = e instanceof InputFileError ? { text: e.message } : failureText(e, `读取文件“${name}”时`);
      loaded.unreadable(f.text, e instanceof InputFileError ? e.at : undefined);
    }
  }
  return { loaded, pending };
}

/** True when a file starts with the OLE signature of .xls/.et files (whatever its name). */
async function startsWithOle(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(8);
    await handle.read(head, 0, 8, 0);
    return isOleBytes(head);
  } finally {
    await handle.close();
  }
}

interface PendingFiles {
  base: StreamedFile | null;
  /** Other .xlsx files by key (ExtraSheet.source.file). */
  others: Map<string, StreamedFile>;
}

const severityText = { error: '错误', warning: '警告', info: '提示' } as const;

/** "错误 成绩!E27 成绩“abc”无法识别…" (the location is not repeated inside the message). */
export function formatIssue(i: Issue): string {
  const at = i.sheet ? describeLocation({ sheet: i.sheet, row: i.row ?? 0, column: i.column ?? undefined }) : '';
  const loc = i.sheet && i.row === null ? i.sheet : at;
  let message = i.message;
  if (loc && message.startsWith(`${loc}：`)) message = message.slice(loc.length + 1);
  return [severityText[i.severity], loc, message].filter((s) => s !== '').join(' ');
}

/** Display width: CJK and full-width characters count 2. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, w: number, right = false): string => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

export function summaryTable(result: ResultJson): string {
  const header = ['排名组', '人数', '指标', '符合条件', '占指标推荐', '不占指标', '退役士兵', '待裁定'];
  const rows = result.groups.map((g) => {
    const eligible = result.students.filter((s) => s.group === g.key && s.eligible).length;
    return [`${g.grade}级 ${g.label}（${g.track}）`, g.size, g.quota, eligible, g.recommendedQuota, g.recommendedDirect, g.recommendedVeteran, g.tiePending].map(String);
  });
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((v, c) => pad(v, widths[c] ?? 0, c > 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function generatedAt(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/**
 * With ZSB_TIMINGS=2, also the steps of 写工作簿 before the file is written, each as "耗时 写工作簿·<step>
 * <ms> ms" (bench/write.ts; bench/cli.ts keeps to the phases of ZSB_TIMINGS=1).
 */
function stepTimer(io: CliIO): (step: string) => void {
  if (process.env.ZSB_TIMINGS !== '2') return () => {};
  let t = performance.now();
  return (step) => {
    const now = performance.now();
    io.stderr(`耗时 写工作簿·${step} ${(now - t).toFixed(0)} ms\n`);
    t = now;
  };
}

async function writeWorkbook(
  { loaded, pending }: { loaded: InputSet; pending: PendingFiles },
  analysis: Analysis,
  config: Config,
  files: string[],
  out: string,
  io: CliIO,
  onModels: (models: SheetModel[]) => void,
  {
    publicCopy = false,
    noInputSheets = false,
    fingerprint = async () => fingerprintTables(loaded.tables),
  }: { publicCopy?: boolean; noInputSheets?: boolean; fingerprint?: () => Promise<string> } = {},
): Promise<void> {
  const output = analysis.output;
  if (!output) throw new Error('没有可写出的结果');
  const [{ releaseRows, writeStreaming }, { buildResultWorkbook }] = await outWriters();
  const step = stepTimer(io);
  const blocks = buildResultBlocks(output, analysis.parsed.sheets);
  step('结果列');
  const targets = new Set(blocks.map((b) => b.sheet));
  // The workbook, its placeholders and how to fill them: shared with file mode (resultWorkbook.ts).
  const source = (f: StreamedFile): XlsxSource => ({ name: basename(f.path), bytes: async () => new Uint8Array(await readFile(f.path)), workbook: f.workbook, meta: f.meta });
  const { wb, host, plan } = await buildResultWorkbook(loaded, pending.base && source(pending.base), new Map([...pending.others].map(([k, f]) => [k, source(f)])), targets);
  step('底稿');
  for (const block of blocks) await host.writeResultBlock(block);
  step('写结果列');
  const inputFingerprint = await fingerprint();
  step('指纹');
  const models = buildAllAttachments(output, config, {
    inputFingerprint,
    generatedAt: generatedAt(),
    sources: files.map((f) => basename(f)),
    issues: analysis.issues,
    // 变更对比 (issue 18): a previous result workbook given as input carries its 结果快照.
    previous: loaded.snapshots[0] ? readSnapshot(loaded.snapshots[0]) : null,
  });
  step('附件模型');
  const names = await host.writeOwnedSheets(models, undefined, plan.deferred);
  step('附件表位');
  onModels(models);
  for (const [wanted, actual] of names) {
    if (wanted !== actual) io.stderr(`提示 工作簿中已有名为“${wanted}”的工作表（不是本工具生成的），附件写在“${actual}”中。\n`);
  }
  await host.saveSettings(config);
  const omitted = new Set<string>();
  if (publicCopy) {
    // 公示用工作簿 (issue 18): the internal sheets and every input sheet holding IDs, phones or addresses
    // stay out of the file (decided before the input tables are emptied below).
    const omit = [
      ...models.filter((m) => !m.publicity).map((m) => ({ sheet: names.get(m.name) ?? m.name, why: '内部资料' })),
      ...sensitiveSheets(loaded.tables).map((s) => ({ sheet: s.sheet, why: `含${s.holds}` })),
    ];
    for (const o of omit) omitted.add(o.sheet);
    host.forgetSheets(new Set(omit.map((o) => o.sheet)));
    io.stderr(`公示用工作簿，未包含：${omit.map((o) => `${o.sheet}（${o.why}）`).join('、')}。\n`);
  }
  if (noInputSheets) {
    // The 教务处's whole-school run (issue 17): the input sheets the run read stay out — nothing of theirs
    // is read again or written — except the ones carrying the result columns.
    const inputs = [...new Set(loaded.tables.map((t) => t.sheet))].filter((s) => !targets.has(s) && wb.getWorksheet(s) !== undefined);
    for (const s of inputs) omitted.add(s);
    if (inputs.length > 0) io.stderr(`按 --no-input-sheets，工作簿中未写入输入表：${inputs.join('、')}。\n`);
  }
  if (omitted.size > 0) plan.omit = omitted;
  // No input table is read again (big sheets of an .xlsx are read again from the file; CSV tables are
  // emptied as they are written): emptied now, every full collection while writing marks that much less.
  const toWrite = new Set(plan.streamed.values());
  const fromXlsx = [pending.base, ...pending.others.values()].flatMap((f) => f?.workbook.sheets.map((sh) => sh.table) ?? []);
  for (const t of [...loaded.tables, ...fromXlsx]) if (!toWrite.has(t)) releaseRows(t);
  step('其余');
  await mkdir(dirname(resolve(out)), { recursive: true });
  const t = performance.now();
  await writeStreaming(wb, plan, out);
  // Part of 写工作簿 (printed before it): the file itself, after the 附件 and result columns are built.
  if (timings()) io.stderr(`耗时 写工作簿·写文件 ${(performance.now() - t).toFixed(0)} ms\n`);
}

/**
 * The input fingerprint (计算说明) computed in a worker thread while the engine computes (issue 17: 0.3-0.5 s
 * at 20,000 students, ~5 s at 100,000, off the write phase), when every table is columnar (CSV: its
 * columns are copied to the worker in one message); else, or when the worker fails, here when asked.
 * Same function, same fingerprint either way.
 */
function backgroundFingerprint(tables: readonly RawTable[]): () => Promise<string> {
  const here = async () => fingerprintTables(tables);
  const script = join(__dirname, 'fingerprintWorker.js');
  // From the TypeScript sources (tests) there is no compiled worker: computed here.
  if (tables.length === 0 || !tables.every((t) => t.columns) || !existsSync(script)) return here;
  const job: FingerprintJob = { tables: tables.map((t) => ({ sheet: t.sheet, originRow: t.originRow, originCol: t.originCol, columns: t.columns! })) };
  // Settled at once into a value or null: a failed worker is never an unhandled rejection.
  const done = new Promise<string | null>((settle) => {
    const worker = new Worker(script);
    worker.once('message', (print: string) => {
      settle(print);
      void worker.terminate();
    });
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
    worker.postMessage(job);
  });
  return async () => (await done) ?? fingerprintTables(tables);
}

/**
 * The writers of --out (and ExcelJS under them, ~0.26 s to load), imported only for --out — a run for
 * --json alone never loads them (issue 17) — and as the run starts, not in the middle of 写工作簿 (the
 * write phase measures writing; the load is the same either way). One import, shared.
 */
let writers: Promise<[typeof import('../hosts/xlsx/streamWrite'), typeof import('../hosts/xlsx/resultWorkbook')]> | null = null;
function outWriters(): NonNullable<typeof writers> {
  writers ??= Promise.all([import('../hosts/xlsx/streamWrite'), import('../hosts/xlsx/resultWorkbook')]);
  return writers;
}

async function run(args: RunArgs, io: CliIO): Promise<number> {
  // Started now, awaited by writeWorkbook: a failed load is reported there (this handler only keeps it
  // from being an unhandled rejection while the inputs are read).
  if (args.out) outWriters().catch(() => undefined);
  const totalBytes = args.inputs.reduce((s, f) => s + statSync(f).size, 0);
  const verbose = totalBytes > 1_000_000;
  const phase = phaseTimer(io);
  let config: Config | null = args.config ? await loadConfigFile(args.config) : null;
  const inputs = await loadInputs(args.inputs, io, verbose);
  const loaded = inputs.loaded;
  // For --out: the inputs' fingerprint, computed beside the engine.
  const fingerprint = args.out ? backgroundFingerprint(loaded.tables) : undefined;
  phase('读取');
  if (!config) {
    if (loaded.settings !== null) {
      const r = parseConfig(loaded.settings);
      if ('problems' in r) {
        loaded.issues.push(
          issueAt('error', 'BAD_SETTINGS', `工作簿中保存的设置有误：${r.problems.map((p) => `${p.path}：${p.message}`).join('；')}。请改正，或用 --config 指定设置文件。`, { sheet: META_SHEET, row: 1, column: 'A' }),
        );
        config = defaultConfig();
      } else {
        config = r.config;
        io.stderr('提示 使用输入工作簿中保存的设置。\n');
      }
    } else config = defaultConfig();
  }
  if (verbose || loaded.rows > 20000) io.stderr(`正在计算（共 ${loaded.tables.length} 张表，${loaded.rows} 行）…\n`);
  // The column choices made in the pane (“请确认” sheets) travel with the workbook's settings (SPEC §1.6).
  const mappings = loaded.mappings;
  if (mappings && Object.keys(mappings).length > 0) io.stderr(`提示 使用输入工作簿中保存的列对应（${Object.keys(mappings).join('、')}）。\n`);
  const analysis = analyse(mappings ? applyOverrides(loaded.tables, mappings as Overrides) : loaded.tables, config);
  if (loaded.issues.length > 0) {
    const merged = [...loaded.issues, ...analysis.issues];
    analysis.issues = merged;
    if (analysis.output) analysis.output = { ...analysis.output, result: { ...analysis.output.result, issues: merged } };
    // A reader's warning (cells far away from the data, left out) does not stop the run; an error does.
    if (hasErrors(loaded.issues)) analysis.canWrite = false;
  }
  const result = resultJson(analysis, config);
  phase('解析与计算');

  for (const i of result.issues) io.stderr(`${formatIssue(i)}\n`);
  if (result.groups.length > 0) io.stdout(summaryTable(result));
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.filter((i) => i.severity === 'warning').length;
  io.stderr(`共 ${result.students.length} 名学生、${result.groups.length} 个排名组；${errors} 个错误，${warnings} 个警告。\n`);

  if (args.json) {
    await writeJson(args.json, result);
    io.stderr(`已写出结果 JSON：${args.json}\n`);
    phase('写JSON');
  }
  if (hasErrors(result.issues) || !analysis.canWrite) {
    if (args.out) io.stderr(`有错误，未写出工作簿 ${args.out}。请按上面的提示改正后重新运行。\n`);
    if (args.word) io.stderr(`有错误，未写出 Word 版公示。\n`);
    return 1;
  }
  let models: SheetModel[] | null = null;
  if (args.out) {
    if (verbose) io.stderr(`正在写出工作簿 ${args.out} …\n`);
    try {
      await writeWorkbook(inputs, analysis, config, args.inputs, args.out, io, (m) => (models = m), { publicCopy: args.public, noInputSheets: args.noInputSheets, fingerprint });
    } catch (e) {
      // A user's cell in the way of the result block (or any failure while writing): an error issue,
      // the JSON written again with it, no workbook (SPEC §4.1).
      await rm(args.out, { force: true });
      const issue = failureIssue(e, 'WRITE_FAILED', '写出工作簿时');
      result.issues = [...result.issues, issue];
      io.stderr(`${formatIssue(issue)}\n未写出工作簿 ${args.out}。\n`);
      if (args.json) await writeJson(args.json, result);
      return 1;
    }
    phase('写工作簿');
    io.stderr(`已写出${args.public ? '公示用' : ''}工作簿：${args.out}\n`);
  }
  if (args.word && analysis.output) {
    models ??= buildAllAttachments(analysis.output, config, { inputFingerprint: '', generatedAt: generatedAt(), sources: args.inputs.map((f) => basename(f)), issues: analysis.issues });
    const files = await writeWordDocs(models, args.word, args.inputs);
    phase('写Word');
    io.stderr(files.length > 0 ? `已写出 Word 版公示 ${files.length} 个：${files.map((f) => basename(f)).join('、')}（目录 ${args.word}）\n` : '没有需要写出的 Word 版公示（无不占指标学生，且无报名数据）。\n');
  }
  return 0;
}

async function writeJson(path: string, result: ResultJson): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  await writeWhole(path, (tmp) => writeFile(tmp, text));
}

const CJK = /[\u4e00-\u9fff]/u;

/** Messages of JavaScript's own limits, reached by a file too big or too odd to hold (not by a bug). */
function isSizeLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_FS_FILE_TOO_LARGE') return true;
  return e instanceof RangeError && /Invalid string length|Invalid array length|Array buffer allocation failed|Invalid typed array length|Maximum call stack/iu.test(e.message);
}

/** The system's errors (node's `code`) that are not the program's: what happened, and what to do. */
const SYSTEM_ERRORS: Record<string, [string, string]> = {
  ENOSPC: ['磁盘空间不足', '请清理磁盘空间，或把 --out、--json、--word 写到空间足够的磁盘后重试。'],
  EDQUOT: ['磁盘配额已用完', '请清理磁盘空间，或把 --out、--json、--word 写到别的磁盘后重试。'],
  EACCES: ['没有读写权限', '请确认对该文件及其所在文件夹有读写权限，且文件没有被 Excel 等程序打开，再重试。'],
  EPERM: ['操作不被允许（没有权限，或文件被其他程序占用）', '请确认对该文件及其所在文件夹有读写权限，且文件没有被 Excel 等程序打开，再重试。'],
  EBUSY: ['文件正被其他程序使用', '请关闭打开它的程序（例如 Excel、WPS）后重试。'],
  EROFS: ['磁盘是只读的', '请把输出写到可写的文件夹。'],
  EIO: ['磁盘读写出错', '请检查磁盘（或 U 盘、网络盘是否已断开），或换一个文件夹后重试。'],
  EMFILE: ['同时打开的文件太多', '请关闭其他程序后重试。'],
  ENFILE: ['同时打开的文件太多', '请关闭其他程序后重试。'],
  ENOENT: ['找不到文件或文件夹', '请确认它没有在运行中被移动、改名或删除，再重试。'],
};

/**
 * Any failure as a Chinese message saying what to do: a located problem with a user's sheet as it is, a
 * good Chinese message thrown as a plain Error as it is, JavaScript's size limits as "too big", the
 * system's refusals (a full disk, no permission) as such, anything else as an internal error (never
 * English internals alone, never a stack trace).
 */
export function failureText(e: unknown, when: string): { text: string; internal: boolean } {
  if (e instanceof SheetWriteError || e instanceof InputFileError) return { text: e.message, internal: false };
  const system = SYSTEM_ERRORS[String((e as { code?: unknown } | null)?.code)];
  if (system) {
    // The file as the user named it (not the temporary name it is written under: wholeFile.ts).
    const file = (e as { path?: unknown }).path;
    const named = typeof file === 'string' ? `（${file.replace(/\.\d+\.tmp$/u, '')}）` : '';
    return { text: `${when}${system[0]}${named}。${system[1]}`, internal: false };
  }
  if (isSizeLimit(e)) {
    return { text: `${when}内容超出了程序能处理的大小（例如一个极长的单元格或字段、极大的工作表）。请检查输入文件中是否有异常巨大的内容，删除后重试。`, internal: false };
  }
  const message = e instanceof Error ? e.message : String(e);
  if (CJK.test(message) && !/^内部错误/u.test(message)) return { text: message, internal: false };
  return { text: `${when}发生内部错误（${e instanceof Error ? e.name : typeof e}：${message}），计算未完成，没有写出工作簿。请把输入文件和这段提示发给维护者。`, internal: true };
}

function failureIssue(e: unknown, code: string, when: string): Issue {
  const at = e instanceof SheetWriteError ? e.at : null;
  return issueAt('error', code, failureText(e, when).text, at);
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(`zsb：缺少命令。\n\n${USAGE}`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'run') {
    io.stderr(`zsb：未知命令“${command}”。\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  let args: RunArgs | null = null;
  try {
    args = parseArgs(rest);
    return await run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`zsb：${e.message}\n\n${USAGE}`);
      return 2;
    }
    // Whatever escaped: a Chinese message, exit 1 (a user's file caused it), or 3 for a real bug; the
    // --json file says so too (no earlier result is taken for this run's).
    const f = failureText(e, '');
    io.stderr(`zsb：${f.text}\n`);
    if (f.internal && process.env.ZSB_DEBUG === '1' && e instanceof Error) io.stderr(`${e.stack ?? ''}\n`);
    if (args?.json) {
      const failed: ResultJson = { version: 1, config: defaultConfig(), groups: [], students: [], issues: [issueAt('error', 'RUN_FAILED', f.text)] };
      const json = args.json;
      await writeJson(json, failed).catch(async () => {
        // A full disk: at least no earlier run's result may stay there as if it were this one's.
        const stale = existsSync(json);
        await rm(json, { force: true }).catch(() => undefined);
        io.stderr(`zsb：也无法写出结果 JSON“${json}”${stale && !existsSync(json) ? '，已删除其中上一次运行的结果' : ''}。\n`);
      });
    }
    return f.internal ? 3 : 1;
  }
}

