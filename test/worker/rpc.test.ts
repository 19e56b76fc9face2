/**
 * The generic request/response client over a Web Worker (src/worker/rpc.ts) that the engine client and
 * file mode's client are made of, with a fake Worker the test answers by hand.
 */
import { failureError, WorkerRpc, type WorkerPort } from '../../src/worker/rpc';

type Req = { id: number; op: string; n?: number };
type Res = { id: number; type: 'step'; stage: string } | { id: number; type: 'ok'; value: number } | { id: number; type: 'bad'; message: string; detail: string };
type Hooks = { onStep?: (stage: string) => void };

interface FakeWorker extends WorkerPort<Req, Res> {
  posted: { message: Req; transfer: Transferable[] | undefined; args: number }[];
  terminated: boolean;
  /** An answer from the worker, as its onmessage receives it. */
  answer(msg: Res): void;
}

function fakeWorker(refuse?: Error): FakeWorker {
  const w: FakeWorker = {
    posted: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(...args: [Req, Transferable[]?]) {
      if (refuse) throw refuse;
      w.posted.push({ message: args[0], transfer: args[1], args: args.length });
    },
    terminate() {
      w.terminated = true;
    },
    answer(msg) {
      w.onmessage?.({ data: msg });
    },
  };
  return w;
}

function client(refuse?: Error) {
  const spawned: FakeWorker[] = [];
  let spawns = 0;
  const rpc = new WorkerRpc<Req, Res, Hooks>(
    () => {
      const w = fakeWorker(refuse);
      spawned.push(w);
      return w;
    },
    {
      name: '测试线程',
      receive: (msg, p) => {
        if (msg.type === 'step') p.onStep?.(msg.stage);
        else if (msg.type === 'ok') p.resolve(msg.value);
        else p.reject(failureError(msg));
      },
      onSpawn: () => spawns++,
    },
  );
  return { rpc, spawned, spawns: () => spawns };
}

/** Settles to what a promise came to, without throwing. */
const outcome = (p: Promise<unknown>) => p.then((v) => ({ value: v }), (e: Error) => ({ error: e.message }));

describe('WorkerRpc', () => {
  it('spawns one worker on first use, numbers the requests and matches answers by id (in any order), progress first', async () => {
    const { rpc, spawned, spawns } = client();
    expect(rpc.running).toBe(false);
    const steps: string[] = [];
    const a = rpc.call<number>({ op: 'a' }, { onStep: (s) => steps.push(`a ${s}`) });
    const b = rpc.call<number>({ op: 'b', n: 2 }, { onStep: (s) => steps.push(`b ${s}`) });
    expect(spawned).toHaveLength(1);
    expect(spawns()).toBe(1);
    expect(spawned[0]!.posted.map((p) => p.message)).toEqual([
      { op: 'a', id: 1 },
      { op: 'b', n: 2, id: 2 },
    ]);
    const w = spawned[0]!;
    w.answer({ id: 2, type: 'step', stage: '读取' });
    w.answer({ id: 1, type: 'step', stage: '计算' });
    w.answer({ id: 2, type: 'ok', value: 20 });
    w.answer({ id: 1, type: 'bad', message: '第一项失败', detail: 'Error: boom' });
    expect(await outcome(b)).toEqual({ value: 20 });
    const failed = (await a.catch((e: unknown) => e)) as Error & { detail?: string };
    expect([failed.message, failed.detail]).toEqual(['第一项失败', 'Error: boom']);
    expect(steps).toEqual(['b 读取', 'a 计算']);
    expect(rpc.waiting).toBe(0);
    // A second answer to a finished request changes nothing.
    w.answer({ id: 2, type: 'ok', value: 99 });
    expect(await outcome(b)).toEqual({ value: 20 });
  });

  it('passes a transfer list only when one is given', () => {
    const { rpc, spawned } = client();
    const buffer = new ArrayBuffer(8);
    void rpc.call({ op: 'x' }, {}, [buffer]);
    void rpc.call({ op: 'y' }, {});
    expect(spawned[0]!.posted.map((p) => [p.args, p.transfer])).toEqual([
      [2, [buffer]],
      [1, undefined],
    ]);
  });

  it('a crashed worker (onerror) fails every waiting request, is terminated, and the next call spawns a fresh one', async () => {
    const { rpc, spawned, spawns } = client();
    const a = outcome(rpc.call({ op: 'a' }, {}));
    const b = outcome(rpc.call({ op: 'b' }, {}));
    spawned[0]!.onerror?.({ message: 'out of memory' });
    const crashed = '测试线程意外停止：out of memory。请重试；若再次出现，请联系技术支持。';
    expect(await a).toEqual({ error: crashed });
    expect(await b).toEqual({ error: crashed });
    expect(spawned[0]!.terminated).toBe(true);
    expect([rpc.running, rpc.waiting]).toEqual([false, 0]);
    const c = rpc.call<number>({ op: 'c' }, {});
    expect([spawned.length, spawns()]).toEqual([2, 2]);
    expect(spawned[1]!.posted[0]!.message).toEqual({ op: 'c', id: 3 });
    spawned[1]!.answer({ id: 3, type: 'ok', value: 3 });
    expect(await c).toBe(3);
    // A crash without a message.
    const d = outcome(rpc.call({ op: 'd' }, {}));
    spawned[1]!.onerror?.({});
    expect(await d).toEqual({ error: '测试线程意外停止：未知原因。请重试；若再次出现，请联系技术支持。' });
  });

  it('end (取消) terminates the worker and rejects what waits; a late answer of the ended worker is dropped; the next call spawns a fresh worker', async () => {
    const { rpc, spawned } = client();
    expect(rpc.end(() => new Error('已取消。'))).toBe(false); // no worker yet
    const steps: string[] = [];
    const first = outcome(rpc.call<number>({ op: 'slow' }, { onStep: (s) => steps.push(s) }));
    spawned[0]!.answer({ id: 1, type: 'step', stage: '开始' });
    expect(rpc.end(() => new Error('已取消。'))).toBe(true);
    expect(spawned[0]!.terminated).toBe(true);
    expect(await first).toEqual({ error: '已取消。' });
    // Messages the ended worker had already queued reach nobody.
    spawned[0]!.answer({ id: 1, type: 'step', stage: '迟到的进度' });
    spawned[0]!.answer({ id: 1, type: 'ok', value: 1 });
    expect(steps).toEqual(['开始']);
    expect(await first).toEqual({ error: '已取消。' });
    // Nor does its late error fail the fresh worker's request.
    const second = rpc.call<number>({ op: 'next' }, {});
    expect(spawned).toHaveLength(2);
    spawned[0]!.onerror?.({ message: 'late' });
    spawned[1]!.answer({ id: 2, type: 'ok', value: 2 });
    expect(await second).toBe(2);
    expect(spawned[1]!.terminated).toBe(false);
  });

  it('a request the worker cannot take (structured clone refused) rejects in Chinese and waits no more', async () => {
    const { rpc } = client(new Error('could not be cloned'));
    expect(await outcome(rpc.call({ op: 'x' }, {}))).toEqual({ error: '无法把数据交给测试线程：could not be cloned' });
    expect(rpc.waiting).toBe(0);
  });
});
