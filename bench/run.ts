/**
 * `npm run bench`: runs the benchmarks of issues 6 and 17 and writes BENCHMARKS.md (results + exact commands).
 * Each part also runs alone: tsx bench/engine.ts, bench/cli.ts, bench/office.ts, bench/bundle.ts.
 * Environment: BENCH_SIZES="1000 20000 100000" (engine sizes), BENCH_RUNS (CLI runs, default 5),
 * BENCH_ENGINE_RUNS (engine runs, default 5).
 * bench/SUMMARY.md (written by hand: the budgets, where each stands, what changed) is put at the top.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');

function part(script: string, args: string[], env: Record<string, string> = {}): string {
  process.stderr.write(`\n== ${script} ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) return `**FAILED** (exit ${r.status}):\n\n\`\`\`\n${r.stdout}\n\`\`\`\n`;
  return r.stdout;
}

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '1000 20000 100000').split(/\s+/u).filter(Boolean);
  const date = new Date().toISOString().slice(0, 10);
  const summaryFile = path.join(__dirname, 'SUMMARY.md');
  const summary = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8').trim() : '';
  const md = [
    '# Benchmarks',
    '',
    ...(summary ? [summary, ''] : []),
    `Measured by \`npm run bench\` on ${date}. Inputs are generated deterministically by \`bench/synth.ts\` (cohort 2021, majors of 50, 45 plan courses over terms 1–5, ~10 % of first sittings failed and followed by a 补考/重修 row).`,
    '',
    '## 1. Engine in memory (parse + rules)',
    '',
    `Command: \`npx tsx bench/engine.ts ${sizes.join(' ')}\` (it compiles the code first with \`npm run build:cli\` and measures that JavaScript, as the CLI runs it). Each size in its own process. "input tables heap" is the heap holding the generated sheets (what a host hands over); "result keeps" is what one run's result (parsed rows + engine output) holds alive on the heap after a full collection (plus ~18 bytes per grade row of typed arrays outside the heap, and 3 bytes per student × plan course for the per-course scores); "heap after run" is the heap right after a run, before collection (an upper bound of the peak, input included); "RSS with input" is the process before any run; "peak RSS before runs" is the peak while the input was being generated; "max RSS" the peak of the whole process.`,
    '',
    // The engine always takes the median of 5 (BENCH_RUNS may lower the CLI's runs: one takes minutes).
    part('engine.ts', sizes, { BENCH_RUNS: process.env.BENCH_ENGINE_RUNS ?? '5' }),
    'The same at 20,000 students on real-shaped data (issue 17: grade rows shuffled, terms as academic-term text). Command: `BENCH_REAL_SHAPE=1 npx tsx bench/engine.ts 20000`.',
    '',
    part('engine.ts', ['20000'], { BENCH_RUNS: process.env.BENCH_ENGINE_RUNS ?? '5', BENCH_REAL_SHAPE: '1' }),
    '## 2. Command line end to end, 20,000 students',
    '',
    'Command: `BENCH_RUNS=3 npx tsx bench/cli.ts 20000` (real-shaped inputs; runs `node bin/zsb.js run … --json … --out …` with `ZSB_TIMINGS=1`, which makes the CLI print each phase).',
    '',
    part('cli.ts', ['20000'], { BENCH_RUNS: process.env.BENCH_RUNS ?? '3' }),
    '## 3. Office host against the strict fake Excel API, 6,000 and 20,000 students',
    '',
    'Command: `npx tsx bench/office.ts 6000 20000`. Round trips are `context.sync()` calls that carried operations.',
    '',
    part('office.ts', ['6000', '20000']),
    '## 4. Task-pane bundle',
    '',
    'Command: `npx tsx bench/bundle.ts` (production webpack build, then gzip -9 of each emitted .js).',
    '',
    part('bundle.ts', []),
    '## 5. Real-shaped data against a peer (issue 17), 20,000 students',
    '',
    'Command: `npx tsx bench/peer.ts 20000` (grade rows shuffled, terms as academic-term text; `zsb run … --json` beside a pandas script computing averages, ranks and the 60 % line only — `bench/peer_pandas.py`, Debian\'s python3-pandas; alternating runs; both must give the same average, rank and top-60 % for every student).',
    '',
    part('peer.ts', ['20000']),
    '## 6. The `--out` write phase against a minimal writer (issue 17), 20,000 students',
    '',
    'Command: `npx tsx bench/write.ts 20000` (real-shaped CSV inputs; the 写工作簿 phase of `zsb run … --out` beside `bench/minimalWriter.ts` writing the same cells — read back from zsb\'s output — with inline strings, no styles, one level-1 deflate per part; alternating runs; `BENCH_BASE_BIN=<other build>/bin/zsb.js` adds that build as a third column).',
    '',
    part('write.ts', ['20000']),
    '## 7. Command line end to end, 100,000 students (a province-sized run)',
    '',
    'Command: `BENCH_RUNS=1 BENCH_CLI_INPUTS=csv npx tsx bench/cli.ts 100000` (real-shaped CSV inputs, one run: it takes minutes).',
    '',
    part('cli.ts', ['100000'], { BENCH_RUNS: '1', BENCH_CLI_INPUTS: 'csv' }),
    '## 8. File mode in headless Chromium against the CLI (issue 17 goal 3), 6,000 students',
    '',
    'Command: `npx tsx bench/fileMode.ts 6000 2` (one real-shaped .xlsx — grade rows shuffled, academic-term text; the production build\'s file.html: pick → 数据 → 计算 → 生成并下载, with a \'longtask\' observer; alternating with `zsb run <file> --out` on the page\'s clock; at the end the downloaded workbook is compared with the CLI\'s part by part, scripts/compareXlsxParts.sh, and the run fails if any part differs).',
    '',
    part('fileMode.ts', ['6000', '2']),
  ].join('\n');
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), md);
  process.stderr.write('\nwrote BENCHMARKS.md\n');
}

main();
