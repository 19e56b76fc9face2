/**
 * Entry of the task pane (taskpane.html). Inside Excel (Office.onReady reports the Excel host) the pane works
 * on the open workbook; opened anywhere else it goes to file.html, the file-mode page that loads no
 * office.js (issue 7, SPEC §4.5). The engine runs in a Web Worker.
 */
import { createRoot } from 'react-dom/client';
import { WorkerEngineClient, type EngineClient } from '../worker/client';
import { spawnEngineWorker } from '../worker/spawn';
import { App } from './components/App';
import type { PaneServices } from './controller';
import { createServices, withWorkbookImport } from './services';

const OFFICE_READY_TIMEOUT_MS = 5000;

/** 'excel' when Office.js says we run inside Excel; 'file' otherwise (also when office.js is missing). */
async function detectMode(): Promise<'excel' | 'file'> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return 'file';
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS));
  const info = await Promise.race([Office.onReady(), timeout]);
  return info && info.host === Office.HostType.Excel ? 'excel' : 'file';
}

function engine(): EngineClient {
  if (typeof Worker !== 'undefined') return new WorkerEngineClient(spawnEngineWorker);
  throw new Error('此浏览器不支持 Web Worker，无法在后台计算。请使用新版 Edge、Chrome 或 Excel。');
}

async function excelServices(): Promise<PaneServices> {
  const { OfficeWorkbookHost } = await import(/* webpackChunkName: "office-host" */ '../hosts/office/officeHost');
  const host = new OfficeWorkbookHost();
  return withWorkbookImport(createServices(host, engine()), host);
}

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html 缺少 #root 元素');
  const root = createRoot(container);
  try {
    const mode = await detectMode();
    if (mode === 'excel') {
      root.render(<App services={await excelServices()} mode="excel" />);
    } else {
      window.location.replace(`file.html${window.location.search}`);
    }
  } catch (err) {
    container.textContent = `专升本推荐助手无法启动：${err instanceof Error ? err.message : String(err)}`;
    throw err;
  }
}

void boot();
