/**
 * 取消 (issue 18 point 1), through the real controller, the real Office host over the strict fake Excel
 * holding the sample school, the real pipeline behind the worker protocol:
 * - while computing: the worker is terminated, the pane shows what it showed before 计算 with a notice,
 *   the workbook is untouched, and the next 计算 runs in a fresh worker;
 * - while 写回结果列并生成附件 checks the sheets (before anything is written): the workbook stays exactly
 *   as it was; once writing has begun, 取消 is refused and the write completes (one run for both halves).
 */
import * as path from 'path';
import { analyse } from '../../src/pipeline';
import { OfficeWorkbookHost } from '../../src/hosts/office/officeHost';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import type { RawTable } from '../../src/sheets/table';
import {
  canCancelEngine,
  cancelRun,
  cancelWrite,
  loadData,
  runEngine,
  WRITE_CANCELLED,
  writeOutputs,
  type PaneServices,
} from '../../src/taskpane/controller';
import { createServices } from '../../src/taskpane/services';
import { initialState, reducer, RUN_CANCELLED, RUN_CANCELLED_KEPT, type Action, type PaneState, type WriteProgress } from '../../src/taskpane/state';
import { InlineEngineClient, WorkerEngineClient, type WorkerLike } from '../../src/worker/client';
import { handleEngineRequest } from '../../src/worker/handler';
import type { AnalyseFn, EngineRequest, EngineResponse } from '../../src/worker/protocol';
import { installFakeOffice, type FakeExcelController } from '../fakes/excel';
import { tableToFake } from '../e2e/support';
import { workbookState } from '../hosts/office/helpers';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');
let tables: RawTable[];
let excel: FakeExcelController;

beforeAll(async () => {
  tables = workbookToTables(await loadXlsxFile(SAMPLE));
});
afterEach(() => excel?.uninstall());

/** A worker that runs the real pipeline once `open` is true (else it stays busy until terminated). */
function gatedWorkers() {
  const spawned: (WorkerLike & { terminated: boolean; requests: number })[] = [];
  const gate = { open: true };
  const run: AnalyseFn = (t, c) => (gate.open ? analyse(t, c) : new Promise(() => undefined));
  const spawn = () => {
    const w = {
      terminated: false,
      requests: 0,
      onmessage: null as WorkerLike['onmessage'],
      onerror: null as WorkerLike['onerror'],
      postMessage(req: EngineRequest) {
        w.requests += 1;
        setTimeout(() => void handleEngineRequest(structuredClone(req), run, (m: EngineResponse) => !w.terminated && w.onmessage?.({ data: structuredClone(m) })), 0);
      },
      terminate() {
        w.terminated = true;
      },
    };
    spawned.push(w);
    return w;
  };
  return { spawned, gate, engine: new WorkerEngineClient(spawn) };
}

function pane(engine = gatedWorkers().engine) {
  excel = installFakeOffice(globalThis, { sheets: tables.map(tableToFake) });
  const host = new OfficeWorkbookHost();
  let clock = Date.parse('2024-04-15T01:00:00Z');
  const services: PaneServices = { ...createServices(host, engine), now: () => new Date((clock += 60_000)) };
  let state: PaneState = initialState();
  const actions: Action[] = [];
  const dispatch = (a: Action) => {
    actions.push(a);
    state = reducer(state, a);
  };
  return { host, services, dispatch, get: () => state, actions };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('取消 while computing', () => {
  it('terminates the worker; the pane shows the previous result again with a notice; the next 计算 uses a fresh worker', async () => {
    const w = gatedWorkers();
    const p = pane(w.engine);
    expect(canCancelEngine(p.services)).toBe(true);
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    const before = p.get();
    expect(before.run.message).toMatch(/^计算完成：8 个排名组/);
    const book = workbookState(excel);

    w.gate.open = false;
    const running = runEngine(p.services, p.get(), p.dispatch);
    await until(() => w.spawned[0]!.requests === 2);
    expect(p.get().run.status).toBe('busy');
    expect(p.get().result).toBeNull(); // nothing half-shown while it runs
    expect(cancelRun(p.services)).toBe(true);
    await running;

    const after = p.get();
    expect(after.result).toBe(before.result); // the very result shown before
    expect(after.run).toEqual({ ...before.run, notice: RUN_CANCELLED_KEPT });
    expect(after.output).toEqual(before.output);
    expect(w.spawned[0]!.terminated).toBe(true);
    expect(workbookState(excel)).toBe(book);
    expect(cancelRun(p.services)).toBe(false); // nothing under way any more

    w.gate.open = true;
    await runEngine(p.services, p.get(), p.dispatch);
    expect(w.spawned).toHaveLength(2);
    expect(p.get().run.status).toBe('done');
    expect(p.get().run.notice).toBeUndefined();
    expect(p.get().result!.groups).toHaveLength(8);
  });

  it('the first 计算 cancelled while the sheets are re-read: no result, a notice, the engine never asked', async () => {
    const w = gatedWorkers();
    const p = pane(w.engine);
    await loadData(p.services, p.dispatch);
    const read = p.host.readSheet.bind(p.host);
    let reads = 0;
    p.host.readSheet = async (name, onProgress) => {
      if (++reads === 2) expect(cancelRun(p.services)).toBe(true);
      return read(name, onProgress);
    };
    await runEngine(p.services, p.get(), p.dispatch);
    expect(reads).toBe(2); // stopped before the third sheet
    expect(p.get().run).toEqual({ status: 'idle', stage: '', progress: 0, message: null, notice: RUN_CANCELLED });
    expect(p.get().result).toBeNull();
    expect(w.spawned).toHaveLength(0);
    expect(p.actions.filter((a) => a.type === 'runProgress').map((a) => (a as { stage: string }).stage).slice(0, 3)).toEqual([
      '读取工作表的当前内容…',
      `读取工作表的当前内容：第 1/${tables.length} 张“${tables[0]!.sheet}”…`,
      `读取工作表的当前内容：第 2/${tables.length} 张“${tables[1]!.sheet}”…`,
    ]);
  });

  it('where the engine runs on the pane\'s own thread there is no 取消 of the computation', () => {
    const p = pane(new InlineEngineClient((t, c) => analyse(t, c)) as unknown as WorkerEngineClient);
    expect(canCancelEngine(p.services)).toBe(false);
  });
});

describe('取消 while 写回结果列并生成附件 (Excel)', () => {
  const progressOf = (actions: Action[]) =>
    actions.flatMap((a) => (a.type === 'writeProgress' && a.progress ? [a.progress] : [])).map((g: WriteProgress) => `${g.step}/${g.steps} ${g.cancellable ? '可取消' : '不可取消'} ${g.stage}`);

  it('during the check, before anything is written: the workbook stays exactly as it was', async () => {
    const p = pane();
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    const book = workbookState(excel);
    const names = excel.sheetNames();
    const read = p.host.readSheet.bind(p.host);
    let reads = 0;
    p.host.readSheet = async (name, onProgress) => {
      if (++reads === 3) expect(cancelWrite(p.services)).toBe(true);
      return read(name, onProgress);
    };
    const start = p.actions.length;
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write).toEqual({ status: 'idle', message: WRITE_CANCELLED });
    expect(p.get().output.attachments).toEqual({ status: 'idle', message: null });
    expect(p.get().output.progress).toBeNull();
    expect(excel.sheetNames()).toEqual(names);
    expect(workbookState(excel)).toBe(book);
    // The result on screen is kept: the same click writes it later.
    expect(p.get().result).not.toBeNull();
    const steps = progressOf(p.actions.slice(start));
    expect(steps[0]).toBe('1/3 可取消 核对工作表在计算后是否有改动…');
    expect(steps.every((x) => x.startsWith('1/3 可取消'))).toBe(true);
  });

  it('once writing has begun, 取消 is refused and both halves are written from the same run', async () => {
    const p = pane();
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    const write = p.host.writeResultBlock.bind(p.host);
    const refused: boolean[] = [];
    p.host.writeResultBlock = async (block, options) => {
      refused.push(cancelWrite(p.services));
      return write(block, options);
    };
    const start = p.actions.length;
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r === false)).toBe(true);
    expect(p.get().output.write.status).toBe('done');
    expect(p.get().output.attachments.status).toBe('done');
    expect(p.get().output.runs).toBeNull(); // same run for both
    expect(excel.sheetNames()).toEqual(expect.arrayContaining(['附件5-总表', '计算说明']));
    const steps = progressOf(p.actions.slice(start));
    expect(steps.filter((x) => !x.startsWith('1/3 可取消'))).toEqual(['2/3 不可取消 写回结果列…', '3/3 不可取消 生成附件工作表…']);
    expect(p.get().output.progress).toBeNull();
    expect(cancelWrite(p.services)).toBe(false);
  });
});
