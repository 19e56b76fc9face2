/**
 * Benchmark 3 (issues 6 and 17): the Office host against the strict fake Excel API for a school of
 * `students` (default 6,000 and 20,000, × 45 courses, grade rows real-shaped: shuffled, terms as
 * academic-term text): round trips (syncs that reach Excel), bytes sent and received, operations, for
 * reading every input sheet, writing the result block and writing all 附件 sheets.
 *
 * Each size runs twice, each in its own node process (heap limit 8 GB, so that neither run pays for the
 * other's garbage): payload 'full' (the way before issue 17: values, text and
 * number format of every cell read; formats written cell by cell, row heights row by row) and 'lean'
 * (values only, text and format where a column holds numbers; formats and heights per run). The two
 * final workbooks must be identical — every sheet's values, formats, merges, row heights, column widths,
 * formatting, freeze panes and page layout (the fake's fullState) — or the benchmark fails.
 * Budget: every request ≤ 4 MB; round trips grow with data size only through chunking, never per row.
 * Usage: tsx bench/office.ts [students…]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { installFakeOffice, type FakeExcelController, type FakeSheetData, type FakeValue } from '../test/fakes/excel';
import { OfficeWorkbookHost } from '../src/hosts/office/officeHost';
import { defaultConfig } from '../src/engine/config';
import { analyse } from '../src/pipeline';
import { buildResultBlocks } from '../src/sheets/resultColumns';
import { buildAllAttachments } from '../src/sheets/attachments';
import { fingerprintTables } from '../src/sheets/fingerprint';
import type { RawTable } from '../src/sheets/table';
import { synthesize } from './synth';

function toFake(t: RawTable): FakeSheetData {
  const values = t.rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as FakeValue))));
  const numberFormats = t.rows.map((r, i) => r.map((_, c) => (i > 0 && c === 0 ? '@' : 'General')));
  return { name: t.sheet, values, numberFormats };
}

interface Phase {
  name: string;
  roundTrips: number;
  requestBytes: number;
  responseBytes: number;
  operations: number;
  rowHeightOps: number;
  numberFormatOps: number;
  largestRequest: number;
  largestResponse: number;
  ms: number;
}

const MB = 2 ** 20;

interface RunResult {
  phases: Phase[];
  state: string;
  sheets: number;
  cells: number;
  attemptRows: number;
}

async function run(students: number, payload: 'full' | 'lean'): Promise<RunResult> {
  const school = synthesize({ students, courses: 45, realShape: true });
  const tables = [school.roster, school.grades, school.plan, school.seats];
  const excel: FakeExcelController = installFakeOffice(globalThis, { sheets: tables.map(toFake) }, { excelApi: '1.13' });
  try {
    await Office.onReady();
    const host = new OfficeWorkbookHost({ payload });
    const config = defaultConfig();
    const phases: Phase[] = [];
    const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      excel.resetStats();
      const t0 = performance.now();
      const r = await f();
      const ms = performance.now() - t0;
      const s = excel.stats;
      phases.push({
        name,
        roundTrips: s.roundTrips,
        requestBytes: s.requests.reduce((n, q) => n + q.requestBytes, 0),
        responseBytes: s.requests.reduce((n, q) => n + q.responseBytes, 0),
        operations: s.requests.reduce((n, q) => n + q.operations, 0),
        rowHeightOps: s.sets.rowHeight ?? 0,
        numberFormatOps: s.sets.numberFormat ?? 0,
        largestRequest: s.largestRequestBytes,
        largestResponse: s.largestResponseBytes,
        ms,
      });
      return r;
    };
    const read = await phase('read all input sheets', async () => {
      const out: RawTable[] = [];
      for (const s of await host.listSheets()) if (!s.owned) out.push(await host.readSheet(s.name));
      return out;
    });
    const analysis = analyse(read, config);
    if (!analysis.output || !analysis.canWrite) throw new Error(`bench input has errors: ${analysis.issues.filter((i) => i.severity === 'error').slice(0, 3).map((i) => i.message).join(' | ')}`);
    const output = analysis.output;
    await phase('write result block', async () => {
      for (const b of buildResultBlocks(output, analysis.parsed.sheets)) await host.writeResultBlock(b);
    });
    const models = buildAllAttachments(output, config, { inputFingerprint: fingerprintTables(read), generatedAt: '2024-03-18T00:00:00.000Z', sources: ['bench'], issues: analysis.issues });
    await phase(`write ${models.length} 附件 sheets`, async () => {
      await host.writeOwnedSheets(models);
    });
    const hash = createHash('sha256');
    for (const n of excel.sheetNames()) hash.update(excel.fullState(n)).update('\u0000');
    const cells = read.reduce((s, t) => s + t.rows.reduce((a, r) => a + r.length, 0), 0);
    return { phases, state: hash.digest('hex'), sheets: excel.sheetNames().length, cells, attemptRows: school.attemptRows };
  } finally {
    excel.uninstall();
  }
}

const row = (p: Phase, payload: string) =>
  `| ${p.name} | ${payload} | ${p.roundTrips} | ${(p.requestBytes / MB).toFixed(1)} | ${(p.responseBytes / MB).toFixed(1)} | ${p.operations} | ${p.rowHeightOps} | ${p.numberFormatOps} | ${(p.largestRequest / MB).toFixed(2)} | ${(p.largestResponse / MB).toFixed(2)} | ${p.ms.toFixed(0)} |`;

/** One payload's run in a fresh node process (this file with --one): its result as JSON on stdout. */
function runApart(students: number, payload: 'full' | 'lean'): RunResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8000', '--import', 'tsx', __filename, '--one', payload, String(students)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`${payload} run of ${students} students failed (exit ${r.status})`);
  return JSON.parse(r.stdout) as RunResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--one') {
    process.stdout.write(JSON.stringify(await run(Number(args[2]), args[1] === 'full' ? 'full' : 'lean')));
    return;
  }
  const sizes = args.map(Number);
  const out: string[] = [];
  for (const students of sizes.length > 0 ? sizes : [6000, 20000]) {
    const full = runApart(students, 'full');
    const lean = runApart(students, 'lean');
    if (full.state !== lean.state) throw new Error(`${students} students: the workbook written the lean way differs from the full way`);
    const total = (r: typeof full) => r.phases.reduce((t, p) => ({ bytes: t.bytes + p.requestBytes + p.responseBytes, trips: t.trips + p.roundTrips, ops: t.ops + p.operations }), { bytes: 0, trips: 0, ops: 0 });
    const [tf, tl] = [total(full), total(lean)];
    out.push(
      `### ${students} students`,
      '',
      `${students} students, ${full.attemptRows} attempt rows (shuffled, terms as academic-term text), ${full.cells} input cells; fake ExcelApi 1.13; machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, Node ${process.version}.`,
      '',
      '| phase | payload | round trips | sent MB | received MB | operations | row-height ops | numberFormat ops | largest request MB | largest response MB | ms (fake, in process) |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...full.phases.flatMap((p, i) => [row(p, 'full (before)'), row(lean.phases[i]!, 'lean (after)')]),
      '',
      `Whole run: ${(tf.bytes / MB).toFixed(1)} MB → ${(tl.bytes / MB).toFixed(1)} MB sent and received, ${tf.trips} → ${tl.trips} round trips, ${tf.ops} → ${tl.ops} operations. ` +
        `Final workbooks identical (${lean.sheets} sheets, every value, format, merge, row height, column width, formatting, freeze, page layout; sha256 ${lean.state.slice(0, 12)}).`,
      '',
    );
  }
  process.stdout.write(out.join('\n'));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
