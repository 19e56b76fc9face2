/**
 * 变更对比 across a download (issue 18 point 7): file mode's result workbook carries 结果快照; picking it
 * again gives the next run the previous outcomes (never as an input sheet).
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { SNAPSHOT_SHEET } from '../../src/sheets/attachments/changeReport';
import { snapshotOf } from '../../src/sheets/runDiff';
import { loadPreviousSnapshot } from '../../src/taskpane/changes';
import { FileSession } from '../../src/taskpane/file/session';
import { initialState, reducer } from '../../src/taskpane/state';

const SAMPLE = path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx');

it('a downloaded workbook carries the snapshot to the next session, which does not read it as input', async () => {
  const config = defaultConfig();
  const first = await FileSession.open([{ name: 'sample.xlsx', bytes: fs.readFileSync(SAMPLE) }]);
  expect(await loadPreviousSnapshot(first)).toBeNull();
  const a = analyse(first.tables, config);
  await first.writeOwnedSheets(buildAllAttachments(a.output!, config, { inputFingerprint: 'f', generatedAt: '2024-03-18T06:05:00Z', sources: [], issues: a.issues }));
  const bytes = await first.resultBytes(config);

  const second = await FileSession.open([{ name: 'result.xlsx', bytes }]);
  expect(second.tables.map((t) => t.sheet)).not.toContain(SNAPSHOT_SHEET);
  expect((await second.listSheets()).find((s) => s.name === SNAPSHOT_SHEET)).toEqual({ name: SNAPSHOT_SHEET, owned: true, visible: true });
  const previous = await loadPreviousSnapshot(second);
  expect(previous).toEqual(snapshotOf(a.output!.result, config, '2024-03-18 14:05（北京时间）'));
});

it('the reducer keeps the previous snapshot with the result, and drops it with the result', () => {
  const s = initialState();
  expect(reducer(s, { type: 'previousLoaded', snapshot: null })).toBe(s);
  const withResult = { ...s, result: { outcome: { parsed: null, output: null, issues: [] }, run: { fingerprint: 'f', at: 'x' }, groups: [], issues: [], blocked: false } };
  const snap = { at: 'x', rows: [] };
  expect(reducer(withResult, { type: 'previousLoaded', snapshot: snap }).result?.previous).toBe(snap);
});
