/**
 * Benchmark of issue 17: `zsb run` csv → JSON on real-shaped data (grade rows shuffled, terms written as
 * academic-term text "2022-2023-1", as 教务系统 exports are) beside a pandas script that computes far less
 * (averages, ranks and the 60 % line only: bench/peer_pandas.py), runs alternating, in the same machine
 * minute. Reports wall time and peak RSS of each (GNU time), their ratios, and checks that both give the
 * same average, rank and top-60 % for every student (a disagreement fails the benchmark).
 * Usage: tsx bench/peer.ts [students]   (default 20000); BENCH_RUNS (default 3). BENCH_BASE=<another
 * checkout, built> also times that checkout's zsb in the same alternation (before/after figures from one
 * run) and fails unless its JSON is byte-identical to this one's.
 * Needs Debian's python3-pandas (`apt-get install python3-pandas`); reported as skipped without it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesize } from './synth';
import { writeCsv } from './csv';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

/** Runs a command under GNU time: wall seconds and max RSS (MB) of it and its children. */
function timed(cmd: string[], env: NodeJS.ProcessEnv = process.env): { wall: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', ...cmd], { encoding: 'utf8', env, maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /TIME ([\d.]+) (\d+)\s*$/u.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-1500)}`);
  return { wall: Number(m[1]), rssMb: Number(m[2]) / 1024 };
}

function main(): void {
  const students = Number(process.argv[2] ?? 20000);
  if (spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status !== 0) {
    process.stdout.write('Skipped: Debian\'s python3-pandas is not installed (`apt-get install python3-pandas`).\n');
    return;
  }
  const dir = process.env.BENCH_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-peer-'));
  fs.mkdirSync(dir, { recursive: true });
  const school = synthesize({ students, courses: 45, realShape: true });
  const files = Object.fromEntries([school.roster, school.grades, school.plan, school.seats].map((t) => {
    const file = path.join(dir, `${t.sheet}.csv`);
    writeCsv(file, t);
    return [t.sheet, file];
  })) as Record<string, string>;
  const bin = path.join(__dirname, '..', 'bin', 'zsb.js');
  const zsbJson = path.join(dir, 'zsb.json');
  const peerJson = path.join(dir, 'peer.json');
  const baseDir = process.env.BENCH_BASE;
  const baseJson = path.join(dir, 'base.json');
  const zsb: { wall: number; rssMb: number }[] = [];
  const peer: { wall: number; rssMb: number }[] = [];
  const base: { wall: number; rssMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`bench peer: run ${i + 1}/${RUNS}…\n`);
    if (baseDir) base.push(timed([process.execPath, path.join(baseDir, 'bin', 'zsb.js'), 'run', ...Object.values(files), '--json', baseJson]));
    zsb.push(timed([process.execPath, bin, 'run', ...Object.values(files), '--json', zsbJson]));
    peer.push(timed([PYTHON, path.join(__dirname, 'peer_pandas.py'), files['学生名册'] ?? '', files['成绩'] ?? '', files['教学计划'] ?? '', peerJson]));
  }
  if (baseDir && !fs.readFileSync(baseJson).equals(fs.readFileSync(zsbJson))) throw new Error(`bench peer: the JSON of ${baseDir} and of this checkout differ`);
  // Same answers, or one of the two is wrong.
  type Row = { studentId: string; average: string | null; rank: number | null; top60: boolean };
  const ours = new Map(((JSON.parse(fs.readFileSync(zsbJson, 'utf8')) as { students: Row[] }).students).map((s) => [s.studentId, s]));
  const theirs = JSON.parse(fs.readFileSync(peerJson, 'utf8')) as Row[];
  let differ = 0;
  for (const t of theirs) {
    const o = ours.get(t.studentId);
    if (!o || o.average !== t.average || o.rank !== t.rank || o.top60 !== t.top60) differ++;
  }
  if (differ > 0 || theirs.length !== ours.size) throw new Error(`bench peer: zsb and pandas disagree for ${differ} of ${theirs.length} students`);
  const zw = median(zsb.map((r) => r.wall));
  const pw = median(peer.map((r) => r.wall));
  const zm = median(zsb.map((r) => r.rssMb));
  const pm = median(peer.map((r) => r.rssMb));
  const bytes = Object.values(files).reduce((s, f) => s + fs.statSync(f).size, 0);
  const out = [
    `${students} students, ${school.attemptRows} grade rows (shuffled, academic-term text), ${(bytes / 2 ** 20).toFixed(1)} MB of CSV; median of ${RUNS} alternating runs; both give the same average, rank and top-60 % for all ${theirs.length} students.`,
    '',
    '| program | wall s | peak RSS MB |',
    '|---|---|---|',
    `| \`zsb run … --json\` | ${zw.toFixed(1)} | ${zm.toFixed(0)} |`,
    `| pandas peer (averages and ranks only) | ${pw.toFixed(1)} | ${pm.toFixed(0)} |`,
    `| ratio zsb / pandas | ${(zw / pw).toFixed(2)} | ${(zm / pm).toFixed(2)} |`,
  ];
  if (baseDir) {
    const bw = median(base.map((r) => r.wall));
    const bm = median(base.map((r) => r.rssMb));
    out.push(`| \`zsb\` of ${path.basename(baseDir)} (before; same JSON, byte for byte) | ${bw.toFixed(1)} | ${bm.toFixed(0)} |`, `| ratio before / pandas | ${(bw / pw).toFixed(2)} | ${(bm / pm).toFixed(2)} |`);
  }
  out.push('', `Each run (wall s / MB): zsb ${zsb.map((r) => `${r.wall.toFixed(1)}/${r.rssMb.toFixed(0)}`).join(', ')}; pandas ${peer.map((r) => `${r.wall.toFixed(1)}/${r.rssMb.toFixed(0)}`).join(', ')}${baseDir ? `; before ${base.map((r) => `${r.wall.toFixed(1)}/${r.rssMb.toFixed(0)}`).join(', ')}` : ''}.`, '');
  if (!process.env.BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(out.join('\n') + '\n');
}

main();
