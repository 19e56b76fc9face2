/**
 * Worker thread of `zsb run … --out`: the input fingerprint (printed in 计算说明) of columnar (CSV) tables,
 * computed while the engine computes on the main thread (issue 17: ~40 M cells at 100,000 students).
 * Receives the tables' columns once, answers the fingerprint once. See backgroundFingerprint in main.ts.
 */
import { parentPort } from 'node:worker_threads';
import { fingerprintTables } from '../sheets/fingerprint';
import { columnarTable, type TableColumns } from '../sheets/table';

/** What the worker is sent: each table's place and columns (a RawTable's `rows` getter is not cloned). */
export interface FingerprintJob {
  tables: { sheet: string; originRow: number; originCol: number; columns: TableColumns }[];
}

parentPort?.once('message', (job: FingerprintJob) => {
  const tables = job.tables.map((t) => columnarTable({ sheet: t.sheet, originRow: t.originRow, originCol: t.originCol }, t.columns));
  parentPort?.postMessage(fingerprintTables(tables));
});
