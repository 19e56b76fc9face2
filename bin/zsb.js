#!/usr/bin/env node
'use strict';
// Entry of the `zsb` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare script).
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');
const os = require('os');
const v8 = require('v8');

const built = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  process.stderr.write('zsb: 未找到编译后的命令行程序 dist/cli/main.js，请先运行 npm ci 或 npm run build:cli。\n');
  process.exit(2);
}

/**
 * `zsb run` with big inputs restarts node once with a larger young generation (issue 6): reading a
 * 1 M-row grade export makes short-lived strings faster than the default 16 MB semi-space lets them
 * die young, and copying them costs ~20 % of a 20,000-student run. V8 takes this size only at start
 * (v8.setFlagsFromString comes too late). ZSB_NO_RESPAWN=1, or any --max-semi-space-size given to node,
 * keeps the process as it is; ZSB_RESPAWN_BYTES sets what counts as big (default 20 MB of inputs).
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

function wantsRespawn(args) {
  if (args[0] !== 'run' || process.env.ZSB_NO_RESPAWN === '1') return false;
  if (nodeOptionGiven('--max-semi-space-size')) return false;
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

const args = process.argv.slice(2);
if (wantsRespawn(args)) {
  const child = spawnSync(process.execPath, [SEMI_SPACE, ...heapLimitOption(), ...process.execArgv, __filename, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ZSB_NO_RESPAWN: '1' },
  });
  if (child.error) {
    process.stderr.write(`zsb: 无法启动计算进程：${child.error.message}\n`);
    process.exit(3);
  }
  // V8 aborts the process when the heap is full (SIGABRT, or exit code 134 through a shell).
  if (child.signal === 'SIGABRT' || child.status === 134) {
    process.stderr.write(
      'zsb: 内存不足，计算未完成，没有写出工作簿。输入的成绩行太多或本机可用内存太少：请关闭其他程序后重试，' +
        '或按二级学院分开运行；也可以用 node --max-old-space-size=<MB> bin/zsb.js run … 指定更大的内存。\n',
    );
    process.exit(3);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status === null ? 3 : child.status);
}

require(built).main(args).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`zsb: 内部错误：${err && err.stack ? err.stack : err}\n`);
    process.exit(3);
  },
);
