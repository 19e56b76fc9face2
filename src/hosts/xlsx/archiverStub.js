// Stands in for `archiver` in file mode's worker (webpack.config.js; issue 17). ExcelJS's streaming
// WorkbookWriter creates an archiver in its constructor and gives it its first two parts; useZip
// (exceljsInternals.ts) then replaces it with our own zip (zipWriter.ts) and gives those parts again.
// This stub takes that first call and nothing else: the real archiver would pull Node's streams into
// the browser bundle.
'use strict';
module.exports = function archiverStub() {
  return { pipe() {}, append() {}, on() {}, finalize() {} };
};
