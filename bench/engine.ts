/**
 * Benchmark 1 (issue 6): the pipeline in memory — parse (tables → domain) and engine (rules) — at several
 * school sizes. Each size runs in its own child process (so peak memory is that size's alone), ≥ 5 runs,
 * median reported. Usage: tsx bench/engine.ts [students…]   (default 1000 20000 100000; BENCH_RUNS=n)
 * Prints a Markdown table; `npm run bench` collects it into BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { synthesize } from './synth';

const COURSES = 45;
/** BENCH_REAL_SHAPE=1: shuffled grade rows with academic-term text (bench/synth.ts realShape). */
const REAL_SHAPE = process.env.BENCH_REAL_SHAPE === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Measure {
  students: number;
  attemptRows: number;
  /** The first run of the process (parse + engine), not counted in the medians: code not yet optimised. */
  firstRunMs: number;
  parseMs: number[];
  engineMs: number[];
  stages: Record<string, number[]>;
  heapBeforeMb: number;
  peakHeapMb: number;
  /** Heap after a full GC with the run's parse result and engine output still alive (input tables included). */
  liveHeapMb: number;
  maxRssMb: number;
  /** Resident set size with the input tables built (after a full GC), before any run. */
  inputRssMb: number;
  /** Peak RSS of the process before the first run (building the synthetic input has its own peak). */
  peakRssBeforeRunsMb: number;
  /**
   * What the result of one run keeps alive on the heap (MB). Its typed arrays (the attempt table's number
   * columns, ~18 bytes per grade row) are outside the heap and not counted: Node frees array buffers
   * lazily, so a before/after difference of `external` is not reliable.
   */
  retainedHeapMb: number;
}

/**
 * A fixed integer loop (3·10⁸ additions), best of 5, in ms: how fast this machine is right now. This VM
 * shares its host: the same loop has measured 140 ms when quiet and 190+ ms when the host was busy, and
 * every time below moves with it. Printed before and after the sizes, so a reader can tell.
 */
function spin(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + i * 7) | 0;
  return x;
}

function cpuReferenceMs(): number {
  // Optimised first (a single long call would run unoptimised for seconds before the JIT steps in), and
  // the loop split in calls of 10⁷ so that it never runs long in unoptimised code.
  let sink = 0;
  for (let r = 0; r < 300; r++) sink ^= spin(1e5);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let k = 0; k < 30; k++) sink ^= spin(1e7);
    best = Math.min(best, performance.now() - t0);
  }
  if (sink === 0.5) process.stderr.write('');
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The code measured is the compiled JavaScript the CLI ships (dist/, from `npm run build:cli`), not the
 * TypeScript run through tsx: tsx wraps every closure it creates in a naming helper, which costs time the
 * real program does not spend.
 */
async function child(students: number): Promise<void> {
  const dist = path.join(__dirname, '..', 'dist');
  const { analyse } = require(path.join(dist, 'pipeline.js')) as typeof import('../src/pipeline');
  const { defaultConfig } = require(path.join(dist, 'engine', 'config.js')) as typeof import('../src/engine/config');
  const { parseTables } = require(path.join(dist, 'sheets', 'parse.js')) as typeof import('../src/sheets/parse');
  const { runEngine } = require(path.join(dist, 'engine', 'index.js')) as typeof import('../src/engine');
  const config = defaultConfig();
  const school = synthesize({ students, courses: COURSES, realShape: REAL_SHAPE });
  const tables = [school.roster, school.grades, school.plan, school.seats];
  const gc = (globalThis as { gc?: () => void }).gc;
  const m: Measure = { students, attemptRows: school.attemptRows, firstRunMs: 0, parseMs: [], engineMs: [], stages: {}, heapBeforeMb: 0, peakHeapMb: 0, liveHeapMb: 0, maxRssMb: 0, inputRssMb: 0, peakRssBeforeRunsMb: 0, retainedHeapMb: 0 };
  gc?.();
  m.heapBeforeMb = process.memoryUsage().heapUsed / 2 ** 20;
  m.inputRssMb = process.memoryUsage().rss / 2 ** 20;
  m.peakRssBeforeRunsMb = process.resourceUsage().maxRSS / 1024;
  {
    // The first run: what a user waits for once; the JIT has not optimised the code yet.
    gc?.();
    const t0 = performance.now();
    runEngine(parseTables(tables, config).input, config);
    m.firstRunMs = performance.now() - t0;
  }
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const t0 = performance.now();
    const parsed = parseTables(tables, config);
    const t1 = performance.now();
    const stageTimes: Record<string, number> = {};
    let last = performance.now();
    const out = runEngine(parsed.input, config, {
      stage(name) {
        const now = performance.now();
        stageTimes[name] = (stageTimes[name] ?? 0) + (now - last);
        last = now;
      },
    });
    const t2 = performance.now();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    m.peakHeapMb = Math.max(m.peakHeapMb, heap);
    m.parseMs.push(t1 - t0);
    m.engineMs.push(t2 - t1);
    for (const [k, v] of Object.entries(stageTimes)) (m.stages[k] ??= []).push(v);
    if (out.result.students.length !== students) throw new Error(`expected ${students} students, got ${out.result.students.length}`);
  }
  // The whole pipeline as the pane and CLI call it, once more, for memory: the heap it keeps alive (a
  // full collection with its result still referenced). Not inside the timed runs: a collection after each
  // run made the next one start with a shrunken young generation.
  {
    gc?.();
    const before = process.memoryUsage();
    const a = analyse(tables, config);
    if (gc) {
      gc();
      const after = process.memoryUsage();
      m.liveHeapMb = after.heapUsed / 2 ** 20;
      m.retainedHeapMb = (after.heapUsed - before.heapUsed) / 2 ** 20;
      if (a.parsed.input.attempts.length === 0 || a.output?.students.size !== students) throw new Error('lost the run’s result');
    }
  }
  m.maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(m));
}

function main(): void {
  if (process.argv[2] === '--child') {
    child(Number(process.argv[3])).catch((e) => {
      process.stderr.write(String(e?.stack ?? e));
      process.exit(1);
    });
    return;
  }
  process.stderr.write('bench engine: compiling (npm run build:cli)…\n');
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const list = sizes.length ? sizes : [1000, 20000, 100000];
  const results: Measure[] = [];
  const cpuBefore = cpuReferenceMs();
  for (const n of list) {
    process.stderr.write(`bench engine: ${n} students…\n`);
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx', __filename, '--child', String(n)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    results.push(JSON.parse(out) as Measure);
  }
  const cpuAfter = cpuReferenceMs();
  const lines: string[] = [];
  lines.push(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; CPU reference loop ${cpuBefore.toFixed(0)} ms before, ${cpuAfter.toFixed(0)} ms after (140 ms when this VM's host is quiet: see cpuReferenceMs). Median of ${RUNS} runs after a first run (shown apart), ${COURSES} plan courses per student, ~10 % 补考/重修 rows. Data shape: ${REAL_SHAPE ? 'real-shaped — grade rows shuffled, terms as academic-term text (BENCH_REAL_SHAPE=1)' : 'grade rows sorted by student, terms as numbers 1–5 (the in-memory budget of issue 6)'}; tables handed over in memory as rows (no file reader).`);
  lines.push('');
  const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.stages)))];
  lines.push(`| students | attempt rows | parse ms | engine ms | ${stageNames.map((s) => `${s} ms`).join(' | ')}${stageNames.length ? ' | ' : ''}total ms | first run ms | input tables heap MB | result keeps (heap) MB | heap after run MB | RSS with input MB | peak RSS before runs MB | max RSS MB |`);
  lines.push(`|${'---|'.repeat(12 + stageNames.length)}`);
  for (const r of results) {
    const p = median(r.parseMs);
    const e = median(r.engineMs);
    const st = stageNames.map((s) => (r.stages[s] ? median(r.stages[s]).toFixed(0) : '–'));
    lines.push(`| ${r.students} | ${r.attemptRows} | ${p.toFixed(0)} | ${e.toFixed(0)} | ${st.join(' | ')}${st.length ? ' | ' : ''}${(p + e).toFixed(0)} | ${r.firstRunMs.toFixed(0)} | ${r.heapBeforeMb.toFixed(0)} | ${r.retainedHeapMb.toFixed(0)} | ${r.peakHeapMb.toFixed(0)} | ${r.inputRssMb.toFixed(0)} | ${r.peakRssBeforeRunsMb.toFixed(0)} | ${r.maxRssMb.toFixed(0)} |`);
  }
  if (results.length >= 2) {
    const a = results[0];
    const b = results[results.length - 1];
    const ta = median(a.parseMs) + median(a.engineMs);
    const tb = median(b.parseMs) + median(b.engineMs);
    const k = Math.log(tb / ta) / Math.log(b.students / a.students);
    lines.push('');
    lines.push(`Growth exponent of total time from ${a.students} to ${b.students} students: ${k.toFixed(2)} (1.00 = linear).`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main();
