/**
 * The worker's side of the protocol, free of `self` so that it is tested in Node: runs the pipeline for
 * one request and posts progress, then exactly one result or failure.
 */
import { tableHeight, type RawTable } from '../sheets/table';
import type { AnalyseFn, EngineRequest, EngineResponse } from './protocol';

/** The first progress line of a computation, in both workers (the engine's and file mode's). */
export function receivedStage(tables: readonly RawTable[]): string {
  const rows = tables.reduce((n, t) => n + tableHeight(t), 0);
  return `已接收 ${tables.length} 张工作表（${rows} 行），开始计算`;
}

export async function handleEngineRequest(
  request: EngineRequest,
  analyse: AnalyseFn,
  post: (message: EngineResponse) => void,
): Promise<void> {
  const { id } = request;
  if (request.type !== 'analyse') {
    post({ type: 'failure', id, message: `计算引擎收到未知的请求：${String((request as { type?: unknown }).type)}`, detail: '' });
    return;
  }
  try {
    post({ type: 'progress', id, stage: receivedStage(request.tables), done: 0, total: 1 });
    const outcome = await analyse(request.tables, request.config, (stage, done, total) =>
      post({ type: 'progress', id, stage, done, total }),
    );
    post({ type: 'progress', id, stage: '计算完成', done: 1, total: 1 });
    post({ type: 'result', id, outcome });
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    post({
      type: 'failure',
      id,
      message: `计算引擎内部错误：${err instanceof Error ? err.message : String(err)}。请将工作簿和此信息发给技术支持。`,
      detail,
    });
  }
}
