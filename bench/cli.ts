/**
 * Benchmark 2 (issue 6): the command line end to end on .csv and on .xlsx inputs — read → compute →
 * write JSON and the workbook with every 附件. Runs `node bin/zsb.js run …` (the built CLI, as a user
 * does) with ZSB_TIMINGS=1 so the CLI reports each phase on stderr; median of RUNS runs.
 * Usage: tsx bench/cli.ts [students]   (default 20000)
 * Data shape: real-shaped (bench/synth.ts realShape: grade rows shuffled, terms as academic-term text), as
 * secretaries' exports are. BENCH_CLI_INPUTS="csv" runs only the CSV inputs (the 100,000-student run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesize } from './synth';
import { writeCsv } from './csv';
import { writeXlsx } from './schoolXlsx';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Lines "耗时 <phase> <ms> ms" that the CLI prints with ZSB_TIMINGS=1. */
function phases(stderr: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of stderr.matchAll(/^耗时 (\S+) (\d+(?:\.\d+)?) ms$/gmu)) out[m[1]] = Number(m[2]);
  return out;
}

/** Lines "内存 <phase> <MB> MB": peak resident set size at the end of each phase. */
function peaks(stderr: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of stderr.matchAll(/^内存 (\S+) (\d+(?:\.\d+)?) MB$/gmu)) out[m[1]] = Number(m[2]);
  return out;
}

async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 20000);
  // BENCH_DIR keeps the generated inputs (and outputs) there, to re-run the CLI by hand.
  const keep = process.env.BENCH_DIR;
  if (keep) fs.mkdirSync(keep, { recursive: true });
  const dir = keep || fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-bench-'));
  const school = synthesize({ students, courses: 45, realShape: true });
  const tables = [school.roster, school.grades, school.plan, school.seats];
  const csvFiles = tables.map((t) => path.join(dir, `${t.sheet}.csv`));
  tables.forEach((t, i) => writeCsv(csvFiles[i], t));
  const xlsxFile = path.join(dir, 'school.xlsx');
  const only = (process.env.BENCH_CLI_INPUTS ?? 'csv xlsx').split(/\s+/u);
  if (only.includes('xlsx')) await writeXlsx(xlsxFile, tables);
  const bin = path.join(__dirname, '..', 'bin', 'zsb.js');
  const rows: string[] = [];
  const allPhases = new Set<string>();
  // The node options the CLI ran with (bin/zsb.js restarts node with a larger young generation).
  const nodeOptions = new Set<string>();
  const results: { label: string; bytes: number; wall: number[]; phases: Record<string, number[]>; peaks: Record<string, number[]> }[] = [];
  const kinds = ([
    ['csv', csvFiles],
    ['xlsx', [xlsxFile]],
  ] as const).filter(([label]) => only.includes(label));
  for (const [label, inputs] of kinds) {
    const bytes = (inputs as readonly string[]).reduce<number>((s, f) => s + fs.statSync(f).size, 0);
    const r = { label, bytes, wall: [] as number[], phases: {} as Record<string, number[]>, peaks: {} as Record<string, number[]> };
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`bench cli: ${label} run ${i + 1}/${RUNS}…\n`);
      const t0 = performance.now();
      const run = spawnSync(process.execPath, ['--max-old-space-size=8000', bin, 'run', ...inputs, '--json', path.join(dir, `${label}.json`), '--out', path.join(dir, `${label}-out.xlsx`)], {
        env: { ...process.env, ZSB_TIMINGS: '1' },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // Exit 1 means located error issues: a benchmark input must have none.
      if (run.status !== 0) throw new Error(`zsb exited ${run.status}: ${(run.stderr ?? '').slice(-2000)}`);
      r.wall.push(performance.now() - t0);
      const stderr = run.stderr;
      nodeOptions.add(/^节点参数 (.*)$/mu.exec(stderr)?.[1] ?? '?');
      for (const [k, v] of Object.entries(phases(stderr))) {
        (r.phases[k] ??= []).push(v);
        allPhases.add(k);
      }
      for (const [k, v] of Object.entries(peaks(stderr))) (r.peaks[k] ??= []).push(v);
    }
    results.push(r);
  }
  // Both inputs hold the same school: the same result for every student, or a reader is wrong (this
  // caught Chinese characters broken across the unzipped chunks of an .xlsx).
  const resultOf = (label: string) => JSON.stringify((JSON.parse(fs.readFileSync(path.join(dir, `${label}.json`), 'utf8')) as { students: unknown }).students);
  if (kinds.length === 2 && resultOf('csv') !== resultOf('xlsx')) throw new Error('bench cli: the .csv and the .xlsx inputs gave different results');
  const names = [...allPhases];
  rows.push(`${students} students, ${school.attemptRows} grade rows, real-shaped (shuffled rows, academic-term text); inputs: ${kinds.map(([label]) => (label === 'csv' ? '4 CSV files (roster, grades, plan, seats)' : 'the same 4 tables as one .xlsx')).join(' and ')}; machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, Node ${process.version}; median of ${RUNS} runs; the CLI ran with node options: ${[...nodeOptions].join(' / ')}.`);
  rows.push('');
  rows.push(`| input | size MB | ${names.map((n) => `${n} ms`).join(' | ')}${names.length ? ' | ' : ''}wall ms |`);
  rows.push(`|${'---|'.repeat(3 + names.length)}`);
  for (const r of results) {
    rows.push(`| ${r.label} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${names.map((n) => (r.phases[n] ? median(r.phases[n]).toFixed(0) : '–')).join(' | ')}${names.length ? ' | ' : ''}${median(r.wall).toFixed(0)} |`);
  }
  rows.push('');
  rows.push(`Peak resident set size (MB) at the end of each phase:`);
  rows.push('');
  rows.push(`| input | ${names.map((n) => `${n} MB`).join(' | ')} |`);
  rows.push(`|${'---|'.repeat(1 + names.length)}`);
  for (const r of results) rows.push(`| ${r.label} | ${names.map((n) => (r.peaks[n] ? median(r.peaks[n]).toFixed(0) : '–')).join(' | ')} |`);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
