/**
 * Benchmark (issue 17 goal 3): file mode in headless Chromium against the CLI on the same .xlsx — a
 * real-shaped school (bench/synth.ts: grade rows shuffled, academic-term text) of N students in one
 * workbook. The browser: file.html of the production build, the file picked → 数据 → 计算 → 生成并下载 →
 * the download saved, with the longest main-thread task ('longtask' entries) of each phase. The CLI:
 * `node bin/zsb.js run <file> --out` (built dist/), wall time. Runs alternate (CLI, browser, CLI, …) so
 * that the load of other work on the machine falls on both alike; medians and their ratio are printed.
 * Both run on the same clock (the page's is fixed, the CLI gets it as SOURCE_DATE_EPOCH), and at the end
 * the two workbooks are compared part by part (scripts/compareXlsxParts.sh): the download must be the
 * CLI's --out.
 * Usage: npx tsx bench/fileMode.ts [students=6000] [runs=2]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeXlsx } from './schoolXlsx';
import { synthesize } from './synth';
import { buildPane, BUILD, fileModeRun, longFrames, offlineFilePage, serve, watchLongTasks } from '../test/e2e/support';

/** The page's clock, and the CLI's (SOURCE_DATE_EPOCH): the 计算说明 names the time of the run. */
const CLOCK = new Date('2024-04-15T08:00:00Z');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function browserRun(base: string, file: string, out: string): Promise<Awaited<ReturnType<typeof fileModeRun>>> {
  const log = { foreign: [] as string[], pageErrors: [] as string[] };
  const { browser, context, page } = await offlineFilePage(base, { width: 1280, height: 900 }, CLOCK, log);
  try {
    await watchLongTasks(page);
    await page.goto(`${base}file.html`);
    await page.getByTestId('pick-files').waitFor({ timeout: 60_000 });
    const r = await fileModeRun(page, [file], out, 1_800_000);
    // Which scripts ran in the long frames (≥ 150 ms), for the record.
    console.log((await longFrames(page)).join('\n'));
    if (log.foreign.length > 0 || log.pageErrors.length > 0) throw new Error(`bench: ${JSON.stringify(log)}`);
    return r;
  } finally {
    await context.close();
    await browser.close();
  }
}

function cliRun(file: string, out: string): number {
  const bin = path.join(__dirname, '..', 'bin', 'zsb.js');
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, 'run', file, '--out', out], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: String(CLOCK.getTime() / 1000) } });
  if (r.status !== 0) throw new Error(`zsb run exited ${r.status}: ${r.stderr}`);
  return performance.now() - start;
}

async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 6000);
  const runs = Number(process.argv[3] ?? 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-filemode-'));
  const file = path.join(dir, `school-${students}.xlsx`);
  const s = synthesize({ students, courses: 45, realShape: true });
  await writeXlsx(file, [s.roster, s.grades, s.plan, s.seats]);
  console.log(`${students} 名学生，${s.attemptRows} 行成绩（打乱、学期为学年文字），${(fs.statSync(file).size / 1e6).toFixed(1)} MB .xlsx`);
  await buildPane();
  const server = await serve(BUILD);
  const cli: number[] = [];
  const web: Awaited<ReturnType<typeof browserRun>>[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      cli.push(cliRun(file, path.join(dir, 'cli.xlsx')));
      web.push(await browserRun(server.base, file, path.join(dir, 'web.xlsx')));
      console.log(`run ${i + 1}: CLI ${Math.round(cli[i]!)} ms; file mode ${JSON.stringify(web[i])}`);
    }
  } finally {
    await server.close();
  }
  const compare = spawnSync('bash', [path.join(__dirname, '..', 'scripts', 'compareXlsxParts.sh'), path.join(dir, 'cli.xlsx'), path.join(dir, 'web.xlsx')], { encoding: 'utf8' });
  console.log(`download vs CLI --out: ${compare.stdout.trim()}`);
  if (compare.status !== 0) {
    process.exitCode = 1;
    if (process.env.BENCH_KEEP !== '1') console.log(`(BENCH_KEEP=1 keeps ${dir})`);
  }
  const c = median(cli);
  const w = median(web.map((r) => r.ms.total));
  const longest = Math.max(...web.flatMap((r) => Object.values(r.longest)));
  const phase = (k: 'read' | 'compute' | 'download') => median(web.map((r) => r.ms[k]));
  console.log(`| ${students} | ${(c / 1000).toFixed(1)} s | ${(w / 1000).toFixed(1)} s (读取 ${(phase('read') / 1000).toFixed(1)} + 计算 ${(phase('compute') / 1000).toFixed(1)} + 下载 ${(phase('download') / 1000).toFixed(1)}) | ${(w / c).toFixed(2)} | ${Math.round(longest)} ms |`);
  if (process.env.BENCH_KEEP === '1') console.log(`files kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
