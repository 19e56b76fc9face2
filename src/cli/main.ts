/**
 * `zsb run <inputs…> [--config settings.json] [--json result.json] [--out result.xlsx]` (issue 2).
 * Exit codes: 0 ok (warnings allowed), 1 any error issue (the JSON is still written, no workbook),
 * 2 bad usage. Summary on stdout; issues, one per line, and progress on stderr.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultConfig, parseConfig, type Config } from '../engine/config';
import { describeLocation, hasErrors, issueAt, type Issue } from '../engine/issues';
import type { ResultJson } from '../engine/result';
import { META_SHEET, type MetaRecord } from '../hosts/meta';
import { copyWorksheet, uniqueSheetName, XlsxFileHost } from '../hosts/xlsx/fileHost';
import { InputSet, isCsvName } from '../hosts/xlsx/loadInputs';
import { InputFileError } from '../hosts/xlsx/read';
import { streamXlsx, type StreamedWorkbook } from '../hosts/xlsx/streamRead';
import { analyse, resultJson, type Analysis } from '../pipeline';
import { buildAllAttachments } from '../sheets/attachments';
import { fingerprintTables } from '../sheets/fingerprint';
import { buildResultBlocks } from '../sheets/resultColumns';
import { PRODUCT_NAME, VERSION } from '../version';
import { releaseRows, writeStreaming, type StreamPlan } from './writeWorkbook';
import { loadBase } from './xlsxBase';
import { readSnapshot } from '../sheets/attachments/changeReport';

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
  zsb run <输入文件…> [--config 设置.json] [--json 结果.json] [--out 结果.xlsx]
  zsb --help      显示本说明
  zsb --version   显示版本

输入文件可以是任意数量的 .xlsx 和 .csv（UTF-8 或 GBK 编码），每个工作表的类型
（学生名册、成绩、教学计划、获奖与荣誉、对口招录计划）按表头自动识别。

选项：
  --config <文件>  设置（JSON，未写的项取《实施细则》默认值）；不给时使用工作簿中保存的设置
  --json <文件>    写出机器可读的结果（SPEC §3.3），有错误时也会写出
  --out <文件>     写出工作簿：输入表 + 名册右侧的结果列 + 附件表；有错误时不写

退出码：0 成功（可有警告）；1 有错误（见标准错误输出）；2 用法错误。

示例：
  npx zsb run 名册.xlsx 成绩.csv --json 结果.json --out 结果.xlsx
`;

class UsageError extends Error {}

/**
 * With env ZSB_TIMINGS=1 each phase prints "耗时 <phase> <ms> ms" and "内存 <phase> <MB> MB" (peak
 * resident set size so far) on stderr (bench/cli.ts parses them), after a line "节点参数 …" naming the
 * node options in effect.
 */
function phaseTimer(io: CliIO): (phase: string) => void {
  if (process.env.ZSB_TIMINGS !== '1') return () => {};
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
}

function parseArgs(args: string[]): RunArgs {
  const out: RunArgs = { inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(config|json|out)(?:=(.*))?$/u.exec(a);
    if (m) {
      const key = m[1] as 'config' | 'json' | 'out';
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
    if (!['.xlsx', '.xlsm', '.csv', '.txt'].includes(ext)) {
      throw new UsageError(`不支持的文件类型“${f}”：只能读取 .xlsx 和 .csv（.xls 请先在 Excel 中另存为 .xlsx）。`);
    }
    if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`找不到输入文件“${f}”。`);
  }
  if (out.out && extname(out.out).toLowerCase() !== '.xlsx') throw new UsageError(`--out 的文件名应以 .xlsx 结尾：“${out.out}”。`);
  if (out.out && out.inputs.some((f) => resolve(f) === resolve(out.out as string))) {
    throw new UsageError(`--out 不能覆盖输入文件“${out.out}”，请换一个文件名。`);
  }
  return out;
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
    if (isCsvName(name)) {
      await loaded.addFile(name, new Uint8Array(await readFile(file)));
      continue;
    }
    try {
      const isBase = !loaded.hasWorkbook;
      const workbook = await streamXlsx(file, name);
      const key = `${index}:${name}`;
      const meta = loaded.addSheetTables(name, workbook.sheets, key);
      if (isBase) pending.base = { path: file, workbook, meta };
      else pending.others.set(key, { path: file, workbook, meta });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      loaded.unreadable(e.message);
    }
  }
  return { loaded, pending };
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

async function writeWorkbook(
  { loaded, pending }: { loaded: InputSet; pending: PendingFiles },
  analysis: Analysis,
  config: Config,
  files: string[],
  out: string,
  io: CliIO,
): Promise<void> {
  const output = analysis.output;
  if (!output) throw new Error('没有可写出的结果');
  const blocks = buildResultBlocks(output, analysis.parsed.sheets);
  const targets = new Set(blocks.map((b) => b.sheet));
  // Big sheets are placeholders here, written row by row by the streaming writer (writeWorkbook.ts).
  const plan: StreamPlan = { streamed: new Map(), deferred: new Map() };
  if (pending.base) {
    // The base without the rows of its big sheets (read again from the file when written), except the
    // sheets this run writes into or wrote into before, and the meta sheet.
    const keep = new Set([META_SHEET, ...targets, ...(pending.base.meta?.resultBlocks ?? []).map((b) => b.sheet)]);
    const base = await loadBase(new Uint8Array(await readFile(pending.base.path)), pending.base.workbook, (sheet) => keep.has(sheet));
    loaded.base = { wb: base.wb, host: new XlsxFileHost(base.wb) };
    plan.copied = base.cells;
  }
  // The other .xlsx files, loaded the same way when their first sheet is copied.
  const others = new Map<string, Awaited<ReturnType<typeof loadBase>>>();
  const other = async (key: string) => {
    let done = others.get(key);
    if (!done) {
      const file = pending.others.get(key)!;
      const keep = new Set(loaded.extra.filter((e) => e.source?.file === key && targets.has(e.name)).map((e) => e.source!.sheet));
      done = await loadBase(new Uint8Array(await readFile(file.path)), file.workbook, (sheet) => keep.has(sheet));
      others.set(key, done);
    }
    return done;
  };
  plan.copiedOther = new Map();
  const wb = loaded.base?.wb ?? new ExcelJS.Workbook();
  for (const e of loaded.extra) {
    let actual: string;
    if (e.table && !targets.has(e.name)) {
      actual = uniqueSheetName(wb, e.name);
      wb.addWorksheet(actual);
      plan.streamed.set(actual, e.table);
    } else if (e.source) {
      const { sheet, blocks } = e.source;
      const from = await other(e.source.file);
      actual = copyWorksheet(from.wb.getWorksheet(sheet)!, wb, e.name, blocks);
      const cells = from.cells.get(sheet);
      if (cells) plan.copiedOther.set(actual, { cells, blocks: blocks.filter((b) => b.sheet === sheet) });
    } else actual = e.add(wb);
    if (actual !== e.name) throw new Error(`内部错误：工作表名“${e.name}”在输出中变成了“${actual}”`);
  }
  const host = loaded.base?.host ?? new XlsxFileHost(wb);
  for (const block of blocks) await host.writeResultBlock(block);
  const models = buildAllAttachments(output, config, {
    inputFingerprint: fingerprintTables(loaded.tables),
    generatedAt: generatedAt(),
    sources: files.map((f) => basename(f)),
    issues: analysis.issues,
    // 变更对比 (issue 18): a previous result workbook given as input carries its 结果快照.
    previous: loaded.snapshots[0] ? readSnapshot(loaded.snapshots[0]) : null,
  });
  const names = await host.writeOwnedSheets(models, plan.deferred);
  for (const [wanted, actual] of names) {
    if (wanted !== actual) io.stderr(`提示 工作簿中已有名为“${wanted}”的工作表（不是本工具生成的），附件写在“${actual}”中。\n`);
  }
  await host.saveSettings(config);
  // No input table is read again (big sheets of an .xlsx are read again from the file; CSV tables are
  // emptied as they are written): emptied now, every full collection while writing marks that much less.
  const toWrite = new Set(plan.streamed.values());
  const fromXlsx = [pending.base, ...pending.others.values()].flatMap((f) => f?.workbook.sheets.map((sh) => sh.table) ?? []);
  for (const t of [...loaded.tables, ...fromXlsx]) if (!toWrite.has(t)) releaseRows(t);
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeStreaming(wb, plan, out);
}

async function run(args: RunArgs, io: CliIO): Promise<number> {
  const totalBytes = args.inputs.reduce((s, f) => s + statSync(f).size, 0);
  const verbose = totalBytes > 1_000_000;
  const phase = phaseTimer(io);
  let config: Config | null = args.config ? await loadConfigFile(args.config) : null;
  const inputs = await loadInputs(args.inputs, io, verbose);
  const loaded = inputs.loaded;
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
  const analysis = analyse(loaded.tables, config);
  if (loaded.issues.length > 0) {
    const merged = [...loaded.issues, ...analysis.issues];
    analysis.issues = merged;
    if (analysis.output) analysis.output = { ...analysis.output, result: { ...analysis.output.result, issues: merged } };
    analysis.canWrite = false;
  }
  const result = resultJson(analysis, config);
  phase('解析与计算');

  for (const i of result.issues) io.stderr(`${formatIssue(i)}\n`);
  if (result.groups.length > 0) io.stdout(summaryTable(result));
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.filter((i) => i.severity === 'warning').length;
  io.stderr(`共 ${result.students.length} 名学生、${result.groups.length} 个排名组；${errors} 个错误，${warnings} 个警告。\n`);

  if (args.json) {
    await mkdir(dirname(resolve(args.json)), { recursive: true });
    await writeFile(args.json, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
    io.stderr(`已写出结果 JSON：${args.json}\n`);
    phase('写JSON');
  }
  if (hasErrors(result.issues) || !analysis.canWrite) {
    if (args.out) io.stderr(`有错误，未写出工作簿 ${args.out}。请按上面的提示改正后重新运行。\n`);
    return 1;
  }
  if (args.out) {
    if (verbose) io.stderr(`正在写出工作簿 ${args.out} …\n`);
    await writeWorkbook(inputs, analysis, config, args.inputs, args.out, io);
    phase('写工作簿');
    io.stderr(`已写出工作簿：${args.out}\n`);
  }
  return 0;
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
  try {
    return await run(parseArgs(rest), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`zsb：${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

