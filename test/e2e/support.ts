/**
 * E2E support: build the pane once (production, into test-output/e2e/build, rebuilt only when a source
 * is newer), serve it from a local static server, bundle the strict fake Excel as the page's office.js,
 * and convert the sample workbook into the fake's data.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as ts from 'typescript';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FakeSheetData, FakeValue } from '../fakes/excel';
import type { RawTable } from '../../src/sheets/table';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OUT = path.join(ROOT, 'test-output', 'e2e');
export const BUILD = path.join(OUT, 'build');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

/** True when the build lock's owner process no longer runs, or (owner unknown) the lock is 15 minutes old. */
export function lockIsStale(lock: string): boolean {
  let pid = NaN;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Written right after the directory: absent only for a moment, or after a crash in between.
  }
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > 15 * 60_000;
  } catch {
    return false;
  }
}

/** Builds the production bundle unless the one in BUILD is newer than every source (one build at a time). */
export async function buildPane(): Promise<void> {
  const lock = `${BUILD}.lock`;
  fs.mkdirSync(OUT, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another test file is building: wait for it. A lock whose process is gone (Ctrl-C, a crash) is left
      // over and removed at once; one without a readable owner only after 15 minutes, the hook's timeout.
      if (lockIsStale(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    await buildIfStale();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function buildIfStale(): Promise<void> {
  const stamp = path.join(BUILD, 'taskpane.html');
  const sources = ['src', 'webpack.config.js', 'package.json', 'docs', path.join('scripts', 'help-pages.js')].map((p) => path.join(ROOT, p)).filter((p) => fs.existsSync(p));
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => import('webpack').Configuration;
  // Tests keep the local copy of office.js (the pane test replaces it with the fake Excel).
  const config = makeConfig({ officeJs: 'local' }, { mode: 'production' });
  config.output = { ...config.output, path: BUILD };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A static server for `dir` on 127.0.0.1 (random port). */
export async function serve(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.resolve(dir, rel);
    if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * test/fakes/excel.ts as a browser script (it has no imports): transpiled to CommonJS and wrapped so that
 * its exports land on window.__fakeOfficeModule; then installed with `workbook` as the page's globals.
 */
export function fakeOfficeScript(workbook: { sheets: FakeSheetData[] }): string {
  const source = fs.readFileSync(path.join(ROOT, 'test', 'fakes', 'excel.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function(){var exports={};var module={exports:exports};${js}\nwindow.__fakeOfficeModule=module.exports;})();
window.__fakeExcel = window.__fakeOfficeModule.installFakeOffice(window, ${JSON.stringify(workbook)}, { excelApi: '1.13' });`;
}

/** Excel's serial number of a date (1900 system, as Office.js `values` gives it). */
function serial(d: Date): number {
  return d.getTime() / 86400000 + 25569;
}

/** A RawTable (from the sample .xlsx) as the fake's sheet data: values and number formats from A1. */
export function tableToFake(t: RawTable): FakeSheetData {
  const values: FakeValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 0; r < t.originRow - 1; r++) {
    values.push([]);
    numberFormats.push([]);
  }
  t.rows.forEach((row, r) => {
    const pad = new Array<FakeValue>(t.originCol - 1).fill(null);
    values.push([
      ...pad,
      ...row.map((v): FakeValue => (v === null ? null : v instanceof Date ? serial(v) : typeof v === 'object' ? v.error : v)),
    ]);
    numberFormats.push([...new Array<string>(t.originCol - 1).fill('General'), ...row.map((_, c) => t.numberFormats?.[r]?.[c] || 'General')]);
  });
  return { name: t.sheet, values, numberFormats };
}

/**
 * The 帮助 link in the pane's header (issue 18): visible in the sticky header, opens build/help/index.html
 * in a new window; that page is the rendered docs/taskpane.md with its style sheet and every screenshot
 * loaded from the build, under its own CSP, with a working link to the grades-export page.
 */
export async function checkHelpLink(page: Page, context: BrowserContext): Promise<void> {
  const link = page.locator('header').getByTestId('help-link');
  await link.waitFor();
  expect(await link.textContent()).toBe('帮助');
  const [help] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await help.waitForLoadState('load');
  const facts = await help.evaluate(() => ({
    url: location.pathname,
    h1: document.querySelector('h1')?.textContent,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    images: [...document.images].map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
    styled: getComputedStyle(document.body).maxWidth,
    toGrades: document.querySelector('nav a[href="grades-export.html"]') !== null,
  }));
  // Lazy images below the fold: scroll each into view before asking whether it loaded.
  for (const img of await help.locator('img').all()) await img.scrollIntoViewIfNeeded();
  await help.waitForFunction(() => [...document.images].every((i) => i.complete));
  const broken = await help.evaluate(() => [...document.images].filter((i) => i.naturalWidth === 0).map((i) => i.getAttribute('src')));
  expect({ ...facts, images: facts.images.length, broken }).toEqual({
    url: '/help/index.html',
    h1: '专升本推荐助手 · 任务窗格使用说明',
    csp: "default-src 'none'; img-src 'self'; style-src 'self'",
    images: expect.any(Number),
    broken: [],
    styled: '900px', // help.css applied
    toGrades: true,
  });
  expect(facts.images.length).toBeGreaterThanOrEqual(5);
  await help.locator('nav a[href="grades-export.html"]').click();
  await help.getByRole('heading', { level: 1, name: '从教务系统导出成绩' }).waitFor();
  await help.close();
}

/**
 * With DOCS_SCREENSHOTS=1, the screenshots of docs/taskpane.md and README.md: what the viewport shows
 * (900 px high; not the whole page), scrolled to the element with `testId` (below the sticky header) or to
 * the top, or ('END') to the end of the page (`above`: that many pixels of what precedes it too, e.g. its label). Regenerate them all with
 *   DOCS_SCREENSHOTS=1 npx jest test/e2e/pane.e2e.test.ts test/e2e/fileMode.e2e.test.ts test/e2e/secretary.e2e.test.ts
 */
export async function docShot(page: Page, name: string, testId?: string, above = 0): Promise<void> {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  const size = page.viewportSize()!;
  if (size.height !== 900) await page.setViewportSize({ width: size.width, height: 900 });
  if (testId === 'END') {
    // The end of the page (its last section whole, with what precedes it).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
  } else if (testId) {
    await page.getByTestId(testId).first().evaluate((el, px) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -((document.querySelector('header') as HTMLElement | null)?.offsetHeight ?? 0) - 8 - px);
    }, above);
  } else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', `${name}.png`) });
  if (size.height !== 900) await page.setViewportSize(size);
}

/**
 * Headless Chromium for the file-mode pages, offline: every request outside the test server (and blob:/data:)
 * is aborted and recorded in `foreign` (the pane sends no data anywhere), all of them in `requested`; the
 * clock is fixed; page errors are collected.
 */
export async function offlineFilePage(
  base: string,
  viewport: { width: number; height: number },
  fixedTime: number | Date,
  log: { foreign: string[]; requested?: string[]; pageErrors: string[] },
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    log.requested?.push(url);
    if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    log.foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(fixedTime);
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  return { browser, context, page };
}

/** What a file-mode suite works with (fileModeSuite): the page and its context once its beforeAll has run. */
export interface FileModeSuite {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The test server's address (ends with /). */
  base: string;
  /** Requests outside the test server, all requests, and the page's errors (offlineFilePage). */
  foreign: string[];
  requested: string[];
  pageErrors: string[];
}

/**
 * The set-up the file-mode suites share: before all tests the pane is built and served and an offline
 * Chromium page opened (offlineFilePage: `viewport`, clock fixed at `fixedTime`), then the suite's own
 * `ready` runs; after all, page, browser and server are closed. Call inside the suite's describe. The
 * object returned is filled in by that beforeAll (its log arrays exist at once).
 */
export function fileModeSuite(viewport: { width: number; height: number }, fixedTime: number | Date, ready?: (suite: FileModeSuite) => Promise<void> | void): FileModeSuite {
  const suite = { foreign: [], requested: [], pageErrors: [] } as unknown as FileModeSuite;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    await buildPane();
    server = await serve(BUILD);
    suite.base = server.base;
    Object.assign(suite, await offlineFilePage(server.base, viewport, fixedTime, suite));
    await ready?.(suite);
  }, 900_000);
  afterAll(async () => {
    await suite.context?.close();
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}

/** Every sheet (in order, with its state) and every cell value of an .xlsx, as comparable text. */
export async function dumpWorkbook(file: string): Promise<Map<string, string[]>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  wb.worksheets.forEach((ws, i) => {
    const cells: string[] = [`#${i} ${ws.state}`];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value;
        cells.push(`${r},${c}=${v instanceof Date ? v.toISOString() : JSON.stringify(v)}`);
      }),
    );
    out.set(ws.name, cells);
  });
  return out;
}

/**
 * Records the page's long tasks (main-thread tasks over 50 ms, Chromium's 'longtask' entries) from the
 * first script on: window.__longTasks holds [startTime, duration] pairs. Call before page.goto.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    // What ran in the long frames (Chromium's long-animation-frame entries name the scripts), to say
    // which work a long task was.
    const v = window as unknown as { __longFrames: string[] };
    v.__longFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { scripts?: { invoker: string; duration: number; sourceFunctionName: string; sourceCharPosition: number }[] })[]) {
        if (e.duration < 150) continue;
        const scripts = (e.scripts ?? []).filter((x) => x.duration >= 20).map((x) => `${x.invoker}→${x.sourceFunctionName || '?'}@${x.sourceCharPosition} ${Math.round(x.duration)}ms`);
        v.__longFrames.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}ms: ${scripts.join('; ')}`);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

/** The long animation frames recorded (≥ 150 ms), with the scripts that ran in them. */
export async function longFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __longFrames: string[] }).__longFrames);
}

/** The long tasks recorded since `since` (performance.now() milliseconds), longest first. */
export async function longTasks(page: Page, since = 0): Promise<number[]> {
  const all = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
  return all.filter(([start]) => start >= since).map(([, d]) => Math.round(d)).sort((a, b) => b - a);
}

/**
 * File mode from picking `files` to the saved download `saveAs`: 数据 → 计算 → 生成并下载, with the time of
 * each phase (ms) and the page's longest main-thread task during each.
 */
export async function fileModeRun(page: Page, files: string[], saveAs: string, timeout = 600_000): Promise<{ ms: Record<'read' | 'compute' | 'download' | 'total', number>; longest: Record<'read' | 'compute' | 'download', number> }> {
  const now = () => page.evaluate(() => performance.now());
  const t0 = await now();
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByText('重新读取工作表').waitFor({ timeout });
  const t1 = await now();
  await page.getByTestId('tab-run').click();
  await page.getByTestId('run').click();
  await page.getByTestId('run-message').waitFor({ timeout });
  const t2 = await now();
  await page.getByTestId('to-output').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), page.getByTestId('download').click()]);
  await download.saveAs(saveAs);
  const t3 = await now();
  const during = async (from: number, to: number) =>
    Math.max(0, ...(await page.evaluate(([a, b]) => (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([s]) => s >= a && s < b).map(([, d]) => d), [from, to])));
  return {
    ms: { read: Math.round(t1 - t0), compute: Math.round(t2 - t1), download: Math.round(t3 - t2), total: Math.round(t3 - t0) },
    longest: { read: Math.round(await during(t0, t1)), compute: Math.round(await during(t1, t2)), download: Math.round(await during(t2, t3 + 1)) },
  };
}

/** `zsb run <inputs> --out <out>` in this process, its clock fixed at `fixed` (as the page's). */
export async function cliOut(inputs: string[], out: string, fixed: Date): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../src/cli/main') as typeof import('../../src/cli/main');
  const before = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(fixed.getTime() / 1000);
  const lines: string[] = [];
  try {
    const code = await main(['run', ...inputs, '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) });
    if (code !== 0) throw new Error(`zsb run exited ${code}:\n${lines.join('')}`);
  } finally {
    if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = before;
  }
}
