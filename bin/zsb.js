#!/usr/bin/env node
'use strict';
// Entry of the `zsb` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare script).
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const os = require('os');
const v8 = require('v8');

const built = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  process.stderr.write('zsb: 未找到编译后的命令行程序 dist/cli/main.js，请先运行 npm ci 或 npm run build:cli。\n');
  process.exit(2);
}

/**
 * `zsb run` runs in a child node (see wantsChild); with big inputs that node gets a larger young generation (issue 6): reading a
 * 1 M-row grade export makes short-lived strings faster than the default 16 MB semi-space lets them
 * die young, and copying them costs ~20 % of a 20,000-student run. V8 takes this size only at start
 * (v8.setFlagsFromString comes too late). Any --max-semi-space-size given to node is kept as it is;
 * ZSB_RESPAWN_BYTES sets what counts as big (default 20 MB of inputs).
 */
const SEMI_SPACE = '--max-semi-space-size=64';

/** Whether the user already gave node `option` (on the command line or in NODE_OPTIONS): theirs is kept. */
function nodeOptionGiven(option) {
  return process.execArgv.some((a) => a.startsWith(option)) || (process.env.NODE_OPTIONS || '').includes(option);
}
/**
 * And with a heap limit of three quarters of the machine's memory instead of node's default (~4 GB on a
 * 64-bit machine): a province-sized .xlsx (100,000 students, 5 M grade rows) needs ~5 GB and otherwise
 * ends in "JavaScript heap out of memory". An explicit --max-old-space-size is kept.
 */
function heapLimitOption() {
  if (nodeOptionGiven('--max-old-space-size')) return [];
  const mb = Math.floor((os.totalmem() / 1024 / 1024) * 0.75);
  const current = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  return mb > current ? [`--max-old-space-size=${mb}`] : [];
}
const BIG_INPUT = /^\d+$/.test(process.env.ZSB_RESPAWN_BYTES || '') ? Number(process.env.ZSB_RESPAWN_BYTES) : 20 * 1024 * 1024;

/** `zsb run` with inputs of at least BIG_INPUT bytes: the larger young generation pays off. */
function bigInputs(args) {
  let bytes = 0;
  for (const a of args.slice(1)) {
    if (a.startsWith('-')) continue;
    try {
      const s = fs.statSync(a);
      if (s.isFile()) bytes += s.size;
    } catch {
      // Not a file (an option's value, a missing input): the CLI itself says what is wrong.
    }
  }
  return bytes >= BIG_INPUT;
}

/** The value of `--name v` / `--name=v` among the arguments, if given. */
function optionValue(args, name) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * When the computing node dies (the heap ran out: V8 aborts; the system's out-of-memory killer: SIGKILL),
 * the user still gets (issue 14) a Chinese message saying what to do, exit 1 as for any error, the
 * --json file with that error (so that no earlier result is taken for this run's), and no half-written
 * workbook.
 */
function computingNodeDied(args, child, why) {
  const message =
    `zsb: ${why}，计算未完成，没有写出工作簿。输入的成绩行太多、文件中有异常巨大的内容，或本机可用内存太少：` +
    '请检查输入文件（例如极长的单元格、远处误输入的单元格），关闭其他程序后重试，或按二级学院分开运行；' +
    '也可以用 node --max-old-space-size=<MB> bin/zsb.js run … 指定更大的内存。';
  process.stderr.write(`${message}\n`);
  endedUnfinished(args, child.pid, 'OUT_OF_MEMORY', message.slice('zsb: '.length));
  process.exit(1);
}

/**
 * What a run that ended unfinished leaves behind: none of the files the node `pid` was writing (each is
 * written under `<name>.<pid>.tmp` and renamed when whole: src/hosts/wholeFile.ts, for the workbook, --json
 * and the Word files), and a --json file with that error as its only issue (so that no earlier result is
 * taken for this run's).
 */
function endedUnfinished(args, pid, code, message) {
  const json = optionValue(args, 'json');
  if (pid) {
    const tmp = `.${pid}.tmp`;
    const word = optionValue(args, 'word');
    let inWord = [];
    try {
      if (word) inWord = fs.readdirSync(word).filter((f) => f.endsWith(tmp)).map((f) => path.join(word, f));
    } catch {
      // No such directory (yet): nothing of this run in it.
    }
    for (const f of [...[optionValue(args, 'out'), json].filter(Boolean).map((f) => `${f}${tmp}`), ...inWord]) {
      try {
        fs.rmSync(f, { force: true });
      } catch (e) {
        process.stderr.write(`zsb: 未能删除未写完的文件“${f}”（${e && e.message ? e.message : e}），请手动删除。\n`);
      }
    }
  }
  if (json) {
    try {
      const { defaultConfig } = require(path.join(__dirname, '..', 'dist', 'engine', 'config.js'));
      const issue = { severity: 'error', code, message, sheet: null, row: null, column: null, cell: null };
      fs.mkdirSync(path.dirname(path.resolve(json)), { recursive: true });
      // Whole or not at all, as every output (a full disk is one way to get here).
      const tmp = `${json}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, config: defaultConfig(), groups: [], students: [], issues: [issue] }, null, 2)}\n`, 'utf8');
        fs.renameSync(tmp, json);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    } catch (e) {
      // At least no earlier run's result may stay there as if it were this one's.
      const stale = fs.existsSync(json);
      try {
        fs.rmSync(json, { force: true });
      } catch {
        // Cannot be removed either: the message below says the JSON is not this run's.
      }
      const removed = stale && !fs.existsSync(json) ? '，已删除其中上一次运行的结果' : '';
      process.stderr.write(`zsb: 也无法写出结果 JSON“${json}”${removed}：${e && e.message ? e.message : e}\n`);
    }
  }
}

/**
 * `zsb run` computes in a child node (ZSB_NO_RESPAWN=1 keeps it in this one): for big inputs with a
 * larger young generation and heap (above); for every run so that when that node dies — the heap ran
 * out, which no JavaScript handler can catch — this one is still there to say so in Chinese.
 */
function wantsChild(args) {
  return args[0] === 'run' && process.env.ZSB_NO_RESPAWN !== '1';
}

/**
 * The child's standard error, passed through line by line, except V8's own report when the heap runs
 * out ("<--- Last few GCs --->", "FATAL ERROR: … JavaScript heap out of memory" and its native stack):
 * the user gets the Chinese message instead.
 */
function passStderr(stream) {
  let pending = '';
  let swallowing = false;
  const fatal = /^(<--- Last few GCs --->|<--- JS stacktrace --->|FATAL ERROR:|#\s*Fatal )/u;
  const emit = (line) => {
    if (!swallowing && fatal.test(line.trim())) swallowing = true;
    if (!swallowing) process.stderr.write(line);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      emit(pending.slice(0, nl + 1));
      pending = pending.slice(nl + 1);
    }
  });
  return () => {
    if (pending !== '') emit(pending);
    pending = '';
  };
}

const args = process.argv.slice(2);
if (wantsChild(args)) {
  readerMayGo((err) => {
    throw err;
  });
  const big = bigInputs(args) && !nodeOptionGiven('--max-semi-space-size');
  const options = big ? [SEMI_SPACE, ...heapLimitOption()] : [];
  const child = spawn(process.execPath, [...options, ...process.execArgv, __filename, ...args], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...process.env, ZSB_NO_RESPAWN: '1' },
  });
  const flush = passStderr(child.stderr);
  child.on('error', (error) => {
    process.stderr.write(`zsb: 无法启动计算进程（${error.message}），没有读取任何文件。请确认 node 可以正常运行后重试。\n`);
    process.exit(3);
  });
  child.on('close', (status, signal) => {
    flush();
    const died = { pid: child.pid };
    // V8 aborts the process when the heap is full (SIGABRT, or exit code 134 through a shell); the
    // system's out-of-memory killer ends it with SIGKILL.
    if (signal === 'SIGABRT' || status === 134) computingNodeDied(args, died, '内存不足');
    if (signal === 'SIGKILL') computingNodeDied(args, died, '计算进程被系统终止（多为内存不足）');
    if (signal) {
      process.stderr.write(`zsb: 计算进程被信号 ${signal} 终止，计算未完成，没有写出工作簿。\n`);
      process.exit(1);
    }
    process.exit(status === null ? 1 : status);
  });
} else {
  runHere();
}

function runHere() {
  lastResort();
  require(built).main(args).then(
    (code) => process.exit(code),
    (err) => {
      // main() turns every failure into a message and an exit code; this is the last resort.
      process.stderr.write(`zsb: 发生内部错误（${err && err.message ? err.message : err}），计算未完成，没有写出工作簿。请把输入文件和这段提示发给维护者。\n`);
      if (process.env.ZSB_DEBUG === '1' && err && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exit(3);
    },
  );
}

/**
 * An error thrown inside a stream, timer or event callback (a zip part being written, a file stream) or
 * a rejected promise nobody waits for does not reach main()'s handlers: node would end with its raw stack
 * trace and leave the half-written workbook. Here it ends the run as main() ends any other failure: the
 * same Chinese message (failureText), exit 1 when it is a file's or the system's problem (a full disk)
 * and 3 for a bug, the --json file with that error, and no workbook.
 */
function lastResort() {
  let ended = false;
  const end = (err) => {
    if (ended) return;
    ended = true;
    let failure;
    try {
      failure = require(built).failureText(err, '');
    } catch {
      failure = { text: `发生内部错误（${err && err.message ? err.message : err}），计算未完成，没有写出工作簿。请把输入文件和这段提示发给维护者。`, internal: true };
    }
    // An internal error's text says so already; a system's (a full disk) does not.
    process.stderr.write(`zsb：${failure.text}${failure.internal ? '' : '计算未完成，没有写出工作簿。'}\n`);
    if (process.env.ZSB_DEBUG === '1' && err && err.stack) process.stderr.write(`${err.stack}\n`);
    endedUnfinished(args, process.pid, 'RUN_FAILED', failure.text);
    process.exit(failure.internal ? 3 : 1);
  };
  process.on('uncaughtException', end);
  process.on('unhandledRejection', end);
  readerMayGo(end);
}

/**
 * Whoever read the summary or the messages may go away (`zsb run … | head`, a closed terminal): writing to
 * them then fails, and the files are still written. Other errors of the standard streams go to `otherwise`.
 */
function readerMayGo(otherwise) {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) return;
      otherwise(err);
    });
  }
}
