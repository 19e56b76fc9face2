/**
 * Entry of file.html — the page used outside Excel (file mode, issue 7). It loads no office.js at all:
 * nothing from Microsoft's CDN, no telemetry frame; reading, computing and writing run in a Web Worker of
 * this page (file.worker.ts), one per picked set of files.
 */
import { createRoot } from 'react-dom/client';
import { WorkerFileClient } from './fileClient';
import { FileModeApp } from './FileModeApp';
import { spawnFileWorker } from './spawnFileWorker';

const container = document.getElementById('root');
if (!container) throw new Error('file.html 缺少 #root 元素');
if (typeof Worker === 'undefined') {
  container.textContent = '专升本推荐助手无法启动：此浏览器不支持 Web Worker，无法在后台计算。请使用新版 Edge、Chrome 或 Firefox。';
} else {
  createRoot(container).render(<FileModeApp newClient={() => new WorkerFileClient(spawnFileWorker)} />);
}
