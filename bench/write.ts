/**
 * Benchmark of issue 17 goal 2: the write phase of `zsb run … --out` beside a minimal writer of the same
 * cells (bench/minimalWriter.ts), on real-shaped data (grade rows shuffled, academic-term text; CSV
 * inputs). The cells given to the minimal writer are those of zsb's own output workbook, read back with
 * the CLI's reader (every sheet, every value). Runs alternate: zsb (its 写工作簿 phase from
 * ZSB_TIMINGS=1), then the minimal writer in this process, and — with BENCH_BASE_BIN=<another
 * bin/zsb.js>, e.g. main's — that build too, so "before" is measured in the same machine minutes.
 * Usage: tsx bench/write.ts [students]   (default 20000); BENCH_RUNS (default 3); BENCH_DIR keeps files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesize } from './synth';
import { writeCsv } from './csv';
import { writeMinimal, type MinimalSheet } from './minimalWriter';
import { streamXlsxTables } from '../src/hosts/xlsx/streamRead';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

/**
 * `zsb run … --json --out` with ZSB_TIMINGS=2 (or `timings`): its 写工作簿 phase in ms, the part of it writing the file
 * (after the 附件 and result columns are built; NaN when that build does not report it), the steps before
 * that (empty when that build does not report them), and wall ms.
 */
function zsbRun(bin: string, inputs: string[], dir: string, label: string, timings = '2'): { write: number; file: number; steps: Map<string, number>; wall: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'run', ...inputs, '--json', path.join(dir, `${label}.json`), '--out', path.join(dir, `${label}.xlsx`)], {
    env: { ...process.env, ZSB_TIMINGS: timings, SOURCE_DATE_EPOCH: '1700000000' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wall = performance.now() - t0;
  const m = /^耗时 写工作簿 (\d+(?:\.\d+)?) ms$/mu.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${bin} exited ${r.status}: ${(r.stderr ?? '').slice(-1500)}`);
  const f = /^耗时 写工作簿·写文件 (\d+(?:\.\d+)?) ms$/mu.exec(r.stderr ?? '');
  // The steps before the file (ZSB_TIMINGS=2), in the order printed.
  const steps = new Map<string, number>();
  for (const s of (r.stderr ?? '').matchAll(/^耗时 写工作簿·(\S+) (\d+(?:\.\d+)?) ms$/gmu)) if (s[1] !== '写文件') steps.set(s[1] as string, Number(s[2]));
  return { write: Number(m[1]), file: f ? Number(f[1]) : NaN, steps, wall };
}

async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 20000);
  const dir = process.env.BENCH_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-write-'));
  fs.mkdirSync(dir, { recursive: true });
  const school = synthesize({ students, courses: 45, realShape: true });
  const inputs = [school.roster, school.grades, school.plan, school.seats].map((t) => {
    const file = path.join(dir, `${t.sheet}.csv`);
    writeCsv(file, t);
    return file;
  });
  const bin = path.join(__dirname, '..', 'bin', 'zsb.js');
  const base = process.env.BENCH_BASE_BIN;
  // The cells: zsb's own output, read back (a first run, not timed).
  process.stderr.write('bench write: first zsb run (cells for the minimal writer)…\n');
  zsbRun(bin, inputs, dir, 'zsb');
  const sheets: MinimalSheet[] = (await streamXlsxTables(path.join(dir, 'zsb.xlsx'), 'zsb.xlsx')).map((s) => ({ name: s.name, rows: s.table.rows }));
  const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + (r?.filter((v) => v !== null).length ?? 0), 0), 0);
  const zsb: number[] = [];
  const zsbFile: number[] = [];
  const zsbSteps = new Map<string, number[]>();
  const minimal: number[] = [];
  const before: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`bench write: run ${i + 1}/${RUNS}…\n`);
    const run = zsbRun(bin, inputs, dir, 'zsb');
    zsb.push(run.write);
    zsbFile.push(run.file);
    for (const [k, v] of run.steps) zsbSteps.set(k, [...(zsbSteps.get(k) ?? []), v]);
    const t0 = performance.now();
    await writeMinimal(path.join(dir, 'minimal.xlsx'), sheets);
    minimal.push(performance.now() - t0);
    // Timings of level 1: an older build prints none for 2.
    if (base) before.push(zsbRun(base, inputs, dir, 'before', '1').write);
  }
  const z = median(zsb);
  const m = median(minimal);
  const out = [
    `${students} students, ${school.attemptRows} grade rows (shuffled, academic-term text), 4 CSV inputs; ${sheets.length} sheets, ${cells} non-empty cells written; median of ${RUNS} alternating runs; machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, Node ${process.version}.`,
    '',
    '| writer | write s | ratio to minimal |',
    '|---|---|---|',
    `| \`zsb run … --out\`, phase 写工作簿 | ${(z / 1000).toFixed(1)} | ${(z / m).toFixed(2)} |`,
    `| of which writing the file (writeStreaming; before it: fingerprint, result columns, 附件 models) | ${(median(zsbFile) / 1000).toFixed(1)} | ${(median(zsbFile) / m).toFixed(2)} |`,
    ...(base ? [`| before (${path.relative(process.cwd(), base) || base}), phase 写工作簿 | ${(median(before) / 1000).toFixed(1)} | ${(median(before) / m).toFixed(2)} |`] : []),
    `| minimal writer (bench/minimalWriter.ts: inline strings, no styles) | ${(m / 1000).toFixed(1)} | 1.00 |`,
    '',
    ...(zsbSteps.size > 0
      ? [
          'The steps of zsb\'s 写工作簿 before the file is written (ZSB_TIMINGS=2), median ms:',
          '',
          `| ${[...zsbSteps.keys()].join(' | ')} |`,
          `|${[...zsbSteps.keys()].map(() => '---').join('|')}|`,
          `| ${[...zsbSteps.values()].map((v) => median(v).toFixed(0)).join(' | ')} |`,
          '',
        ]
      : []),
  ];
  if (!process.env.BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error)?.stack ?? e));
  process.exit(1);
});
