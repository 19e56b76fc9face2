/**
 * Benchmark 3 (issue 6): the Office host against the strict fake Excel API for a school of `students`
 * (default 6,000 × 45 courses ≈ 270,000 attempt rows): round trips (syncs that reach Excel) and the
 * largest request for reading every input sheet, writing the result block and writing all 附件 sheets.
 * Budget: every request ≤ 4 MB; round trips grow with data size only through chunking, never per row.
 * Usage: tsx bench/office.ts [students]
 */
import os from 'node:os';
import { installFakeOffice, type FakeSheetData, type FakeValue } from '../test/fakes/excel';
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

async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 6000);
  const school = synthesize({ students, courses: 45 });
  const tables = [school.roster, school.grades, school.plan, school.seats];
  const excel = installFakeOffice(globalThis, { sheets: tables.map(toFake) }, { excelApi: '1.13' });
  await Office.onReady();
  const host = new OfficeWorkbookHost();
  const config = defaultConfig();
  const rows: string[] = [];
  const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const before = { trips: excel.stats.roundTrips, requests: excel.stats.requests.length };
    const t0 = performance.now();
    const r = await f();
    const ms = performance.now() - t0;
    const reqs = excel.stats.requests.slice(before.requests);
    const largestReq = Math.max(0, ...reqs.map((q) => q.requestBytes));
    const largestResp = Math.max(0, ...reqs.map((q) => q.responseBytes));
    rows.push(`| ${name} | ${excel.stats.roundTrips - before.trips} | ${(largestReq / 2 ** 20).toFixed(2)} | ${(largestResp / 2 ** 20).toFixed(2)} | ${ms.toFixed(0)} |`);
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
  const cells = read.reduce((s, t) => s + t.rows.reduce((a, r) => a + r.length, 0), 0);
  process.stdout.write(
    [
      `${students} students, ${school.attemptRows} attempt rows, ${cells} input cells; fake ExcelApi 1.13; machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, Node ${process.version}.`,
      '',
      '| phase | round trips | largest request MB | largest response MB | ms (fake, in process) |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Largest request overall: ${(excel.stats.largestRequestBytes / 2 ** 20).toFixed(2)} MB; largest response: ${(excel.stats.largestResponseBytes / 2 ** 20).toFixed(2)} MB (limit 5 MB, budget 4 MB).`,
    ].join('\n') + '\n',
  );
  excel.uninstall();
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
