/**
 * webpack loader for file mode's worker (issue 17): ExcelJS's lib/ modules (its streaming writer) use
 * Node's global `Buffer` — StringBuf allocates one when its module loads. The browser has none: each of
 * those modules gets the `buffer` package's Buffer as a local binding, and nothing else in the bundle
 * does (a global ProvidePlugin would also hand it to other libraries, e.g. docx, that test for Buffer).
 */
'use strict';
module.exports = function exceljsBufferLoader(source) {
  return /\bBuffer\b/.test(source) ? `var Buffer = require('buffer').Buffer;\n${source}` : source;
};
