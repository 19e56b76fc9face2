import { defaultConfig } from '../../src/engine/config';
import type { RawTable } from '../../src/sheets/table';
import { EngineCancelled, InlineEngineClient, WorkerEngineClient, type WorkerLike } from '../../src/worker/client';
import { handleEngineRequest } from '../../src/worker/handler';
import type { AnalyseFn, EngineRequest, EngineResponse } from '../../src/worker/protocol';

const table: RawTable = { sheet: '名册', originRow: 1, originCol: 1, rows: [['学号'], ['1'], ['2']] };

/** A worker running the real handler asynchronously, like a Web Worker does. */
function fakeWorker(analyse: AnalyseFn): WorkerLike & { requests: EngineRequest[]; terminated: boolean } {
  const w = {
    requests: [] as EngineRequest[],
    terminated: false,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    postMessage(req: EngineRequest) {
      w.requests.push(structuredClone(req));
      setTimeout(() => void handleEngineRequest(structuredClone(req), analyse, (m: EngineResponse) => w.onmessage?.({ data: structuredClone(m) })), 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

describe('engine worker protocol', () => {
  it('sends the tables and config, reports progress in order, and resolves with the outcome', async () => {
    const analyse: AnalyseFn = (tables, config, onProgress) => {
      onProgress?.('计算排名', 1, 2);
      return { parsed: null, output: null, sheetsSeen: tables.length, issues: [{ severity: 'info', code: 'C', message: String(config.quotaPercent), sheet: null, row: null, column: null, cell: null }] };
    };
    const w = fakeWorker(analyse);
    const client = new WorkerEngineClient(() => w);
    const stages: string[] = [];
    const out = await client.analyse([table], defaultConfig(), (p) => stages.push(`${p.stage} ${p.done}/${p.total}`));
    expect(w.requests[0]).toMatchObject({ type: 'analyse', tables: [table], config: defaultConfig() });
    expect(stages).toEqual(['已接收 1 张工作表（3 行），开始计算 0/1', '计算排名 1/2', '计算完成 1/1']);
    expect(out).toEqual({ parsed: null, output: null, sheetsSeen: 1, issues: [expect.objectContaining({ message: '30' })] });
  });

  it('rejects with a Chinese message when the pipeline throws, and keeps serving later requests', async () => {
    let calls = 0;
    const analyse: AnalyseFn = () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return { parsed: null, output: null, issues: [] };
    };
    const client = new WorkerEngineClient(() => fakeWorker(analyse));
    await expect(client.analyse([table], defaultConfig())).rejects.toThrow('计算引擎内部错误：boom');
    await expect(client.analyse([table], defaultConfig())).resolves.toEqual({ parsed: null, output: null, issues: [] });
  });

  it('fails every waiting request when the worker crashes, then starts a new worker', async () => {
    const spawned: ReturnType<typeof fakeWorker>[] = [];
    const never: AnalyseFn = () => new Promise(() => undefined);
    const client = new WorkerEngineClient(() => {
      const w = fakeWorker(never);
      spawned.push(w);
      return w;
    });
    const p = client.analyse([table], defaultConfig());
    spawned[0]!.onerror?.({ message: 'out of memory' });
    await expect(p).rejects.toThrow('计算引擎意外停止：out of memory');
    expect(spawned[0]!.terminated).toBe(true);
    void client.analyse([table], defaultConfig()).catch(() => undefined);
    expect(spawned).toHaveLength(2);
    client.dispose();
  });

  it('取消: terminates the busy worker, rejects the waiting request as cancelled, ignores its late answer, and computes next time in a fresh worker', async () => {
    const spawned: ReturnType<typeof fakeWorker>[] = [];
    let calls = 0;
    // The first computation never ends by itself (a big school); the second answers at once.
    const analyse: AnalyseFn = () => (++calls === 1 ? new Promise(() => undefined) : { parsed: null, output: null, issues: [] });
    const client = new WorkerEngineClient(() => {
      const w = fakeWorker(analyse);
      spawned.push(w);
      return w;
    });
    expect(client.cancel()).toBe(false); // nothing under way
    const stages: string[] = [];
    const first = client.analyse([table], defaultConfig(), (p) => stages.push(p.stage));
    await new Promise((r) => setTimeout(r, 5));
    expect(stages).toEqual(['已接收 1 张工作表（3 行），开始计算']);
    expect(client.cancel()).toBe(true);
    await expect(first).rejects.toBeInstanceOf(EngineCancelled);
    await expect(first).rejects.toThrow('计算已取消。');
    expect(spawned.map((w) => w.terminated)).toEqual([true]);
    // A message the old worker had already queued reaches nobody.
    spawned[0]!.onmessage?.({ data: { type: 'progress', id: 1, stage: '迟到的进度', done: 0, total: 1 } });
    expect(stages).not.toContain('迟到的进度');
    await expect(client.analyse([table], defaultConfig())).resolves.toEqual({ parsed: null, output: null, issues: [] });
    expect(spawned).toHaveLength(2);
    expect(spawned[1]!.terminated).toBe(false);
    expect(client.cancel()).toBe(false);
  });

  it('the inline client (the pane\'s own thread) offers no 取消', () => {
    expect('cancel' in new InlineEngineClient(() => ({ parsed: null, output: null, issues: [] }))).toBe(false);
  });

  it('the inline client runs the same protocol on the calling thread', async () => {
    const client = new InlineEngineClient(() => ({ parsed: null, output: null, issues: [] }));
    const stages: string[] = [];
    await expect(client.analyse([table], defaultConfig(), (p) => stages.push(p.stage))).resolves.toEqual({ parsed: null, output: null, issues: [] });
    expect(stages.at(-1)).toBe('计算完成');
    await expect(new InlineEngineClient(() => { throw new Error('坏'); }).analyse([], defaultConfig())).rejects.toThrow('坏');
  });
});

describe('what crosses the worker boundary', () => {
  it('the column stores keep their methods after the structured clone (attempt table, per-course scores)', async () => {
    const { analyse } = await import('../../src/pipeline');
    const roster: RawTable = { sheet: '学生名册', originRow: 1, originCol: 1, rows: [['学号', '姓名', '专业', '年级'], ['2021001', '张三', '机电一体化技术', 2021]] };
    const grades: RawTable = {
      sheet: '成绩',
      originRow: 1,
      originCol: 1,
      rows: [['学号', '课程代码', '课程名称', '成绩', '学期'], ['2021001', 'K01', '高等数学', 81, 1], ['2021001', 'K02', '大学英语', 59, 2]],
    };
    const run: AnalyseFn = (tables, config) => analyse(tables, config);
    const client = new WorkerEngineClient(() => fakeWorker(run));
    const out = await client.analyse([roster, grades], defaultConfig());
    const details = out.output?.students.get('2021001');
    expect(details?.courses.length).toBe(2);
    expect(details?.courses.byKey('code:K02')).toMatchObject({ courseName: '大学英语', hundredths: 5900, passed: false });
    expect(details?.courses.toArray().map((c) => c.hundredths)).toEqual([8100, 5900]);
    expect(out.parsed?.input.attempts.get(1)).toMatchObject({ studentId: '2021001', courseCode: 'K02', score: { kind: 'score', hundredths: 5900 } });
  });
});
