#!/usr/bin/env node
'use strict';
// Entry of the `zsb` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare script).
const path = require('path');
const fs = require('fs');
const built = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  process.stderr.write('zsb: 未找到编译后的命令行程序 dist/cli/main.js，请先运行 npm ci 或 npm run build:cli。\n');
  process.exit(2);
}
require(built).main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`zsb: 内部错误：${err && err.stack ? err.stack : err}\n`);
    process.exit(3);
  },
);
