/**
 * File mode's worker protocol (issue 17): the page gets the tables in pieces of ROWS_PER_MESSAGE rows
 * (each a structured clone here, as between threads), the fingerprints the worker computed, computes and
 * builds the 附件 in the worker, and receives the download's bytes whole; 取消 ends the worker, the
 * pending call fails with FileCancelled, and the next call opens the files again in a fresh worker.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { defaultConfig } from '../../src/engine/config';
import { buildResultBlocks } from '../../src/sheets/resultColumns';
import { FileCore } from '../../src/taskpane/file/core';
import { FileCancelled, WorkerFileClient, type FileWorkerLike } from '../../src/taskpane/file/fileClient';
import { handleFileRequest, ROWS_PER_MESSAGE, type FileRequest, type FileResponse } from '../../src/taskpane/file/fileProtocol';
import { FileSession } from '../../src/taskpane/file/session';
import { fingerprintTables } from '../../src/sheets/fingerprint';
import JSZip from 'jszip';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { buildWordDocs } from '../../src/sheets/attachments/wordDocs';
import { wordDocument } from '../../src/hosts/docx/wordWriter';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

/** A worker in the same process: every message is structured-cloned, answers arrive on later turns. */
function fakeWorkers(log: { spawned: number; messages: FileResponse['type'][]; terminated: number; hold: boolean }) {
  return (): FileWorkerLike => {
    log.spawned++;
    const core = new FileCore();
    let alive = true;
    const w: FileWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(message: FileRequest) {
        const req = structuredClone(message);
        setImmediate(async () => {
          while (log.hold && alive) await new Promise((r) => setTimeout(r, 5));
          await handleFileRequest(core, req, (m) => {
            if (!alive) return;
            log.messages.push(m.type);
            const copy = structuredClone(m);
            setImmediate(() => alive && w.onmessage?.({ data: copy }));
          });
        });
      },
      terminate() {
        alive = false;
        log.terminated++;
      },
    };
    return w;
  };
}

describe('file mode worker protocol', () => {
  it('sends the tables in pieces, equal to what the worker read, with its fingerprints; computes and writes there', async () => {
    const log = { spawned: 0, messages: [] as FileResponse['type'][], terminated: 0, hold: false };
    const client = new WorkerFileClient(fakeWorkers(log));
    const bytes = new Uint8Array(fs.readFileSync(SAMPLE));
    const stages: string[] = [];
    const session = await FileSession.open([{ name: 'sample.xlsx', bytes }], client, (stage) => stages.push(stage));
    expect(stages[0]).toBe('读取“sample.xlsx”…');

    // The same tables as reading in-thread.
    const direct = new FileCore();
    await direct.open([{ name: 'sample.xlsx', bytes }]);
    expect(session.tables).toEqual(direct.tables);
    // The grade sheet (1,546 rows) came in ceil(rows / ROWS_PER_MESSAGE) pieces; every table in ≥ 1.
    const pieces = direct.tables.reduce((n, t) => n + Math.max(1, Math.ceil(t.rows.length / ROWS_PER_MESSAGE)), 0);
    expect(log.messages.filter((m) => m === 'piece').length).toBe(pieces);
    // The fingerprints are the worker's, and equal to computing them here (the page does not hash again).
    expect(fingerprintTables(session.tables)).toBe(fingerprintTables(direct.tables));
    expect(session.tables.map((t) => fingerprintTables([t]))).toEqual(direct.tables.map((t) => fingerprintTables([t])));

    const config = defaultConfig();
    const outcome = await session.engine.analyse(session.tables, config);
    expect(outcome.output!.result.students.length).toBeGreaterThan(100);
    for (const b of buildResultBlocks(outcome.output!, outcome.parsed!.sheets)) await session.writeResultBlock(b);
    const models = await session.ownedSheets(outcome.output!, config, { inputFingerprint: 'f', generatedAt: '2024-03-18T06:05:00Z', sources: ['sample.xlsx'], issues: outcome.issues });
    // The page gets each model's name and publicity, not its rows.
    expect(models.every((m) => m.tables.length === 0)).toBe(true);
    const names = await session.writeOwnedSheets(models);
    expect([...names.keys()]).toEqual(models.map((m) => m.name));
    const out = await session.resultBytes(config);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer);
    // Written in the worker with its tables: 附件5 has one row per student of the sample's first group at least.
    const annex5 = wb.worksheets.find((w) => w.name.startsWith('附件5'))!;
    expect(annex5.rowCount).toBeGreaterThan(20);
    expect(session.internalSheets.some((n) => n.startsWith('附件7'))).toBe(true);
    expect(log.spawned).toBe(1);
  }, 120_000);

  it('取消 ends the worker: the waiting call fails with FileCancelled, the next one opens the files again in a new worker', async () => {
    const log = { spawned: 0, messages: [] as FileResponse['type'][], terminated: 0, hold: false };
    const client = new WorkerFileClient(fakeWorkers(log));
    const bytes = new Uint8Array(fs.readFileSync(SAMPLE));
    const session = await FileSession.open([{ name: 'sample.xlsx', bytes }], client);
    const config = defaultConfig();
    const outcome = await session.engine.analyse(session.tables, config);

    log.hold = true; // the worker is busy: the download is still being made
    const pending = session.resultBytes(config);
    await new Promise((r) => setTimeout(r, 20));
    expect(session.cancel()).toBe(true);
    await expect(pending).rejects.toBeInstanceOf(FileCancelled);
    expect(log.terminated).toBe(1);
    log.hold = false;

    // The 附件 of the run on screen, after 取消: the new worker reads the files and computes that run again.
    const models = await session.ownedSheets(outcome.output!, config, { inputFingerprint: 'f', generatedAt: '2024-03-18T06:05:00Z', sources: [], issues: outcome.issues });
    expect(log.spawned).toBe(2);
    expect(log.messages.filter((m) => m === 'done').length).toBeGreaterThanOrEqual(5); // open, analyse, open, analyse, attachments
    expect(models.length).toBeGreaterThan(10);
    const names = await session.writeOwnedSheets(models);
    expect(names.size).toBe(models.length);
  }, 120_000);

  it('the Word versions are made in the worker (its own 附件 models): the same documents as made on the page', async () => {
    const log = { spawned: 0, messages: [] as FileResponse['type'][], terminated: 0, hold: false };
    const client = new WorkerFileClient(fakeWorkers(log));
    const session = await FileSession.open([{ name: 'sample.xlsx', bytes: new Uint8Array(fs.readFileSync(SAMPLE)) }], client);
    const config = defaultConfig();
    const outcome = await session.engine.analyse(session.tables, config);
    const meta = { inputFingerprint: '', generatedAt: '2024-04-08T08:00:00Z', sources: ['sample.xlsx'], issues: outcome.issues };
    const inWorker = await session.wordDocs(outcome.output!, config, meta);
    // On the page, from the outcome the worker sent (as makeWordFiles did before).
    const docs = buildWordDocs(buildAllAttachments(outcome.output!, config, meta));
    expect(docs.length).toBeGreaterThan(0);
    expect(inWorker.map((d) => d.fileName)).toEqual(docs.map((d) => d.fileName));
    const body = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    for (const [i, doc] of docs.entries()) expect(await body(inWorker[i]!.bytes)).toBe(await body(await wordDocument(doc)));
    expect(log.spawned).toBe(1);
  }, 120_000);
});
