/**
 * End-to-end: the built pane in headless Debian chromium, with the strict fake Excel as its Office.js and
 * the sample school's workbook inside it. Clicks 数据 → 设置 → 计算 → 输出 (写回, 生成附件), checks the cells
 * written into the fake against the pipeline run in Node on the same sheets, and checks that the page
 * requests nothing but its own static files. Screenshots of every step: test-output/e2e/*.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultConfig } from '../../src/engine/config';
import { statusText } from '../../src/engine/result';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { RESULT_HEADERS } from '../../src/sheets/resultColumns';
import { WRITE_CANCELLED } from '../../src/taskpane/controller';
import type { RawTable } from '../../src/sheets/table';
import type { FakeValue } from '../fakes/excel';
import { buildPane, BUILD, checkHelpLink, CHROMIUM, docShot, fakeOfficeScript, OUT, ROOT, serve, tableToFake } from './support';

const SAMPLE = path.join(ROOT, 'assets', 'sample', '示例学校-2024专升本.xlsx');
const WIDTH = 350;
const have = fs.existsSync(CHROMIUM) && fs.existsSync(SAMPLE);
// Without chromium (see .ci/run) or the sample this suite cannot run; say so loudly rather than pass.
// In CI the browser tests must run: .ci/run installs chromium, so a missing one is a failure, not a skip.
if (!have && process.env.CI) throw new Error('CI 中缺少 /usr/bin/chromium 或示例文件：浏览器端到端测试不能跳过。');
const describeE2E = have ? describe : describe.skip;
if (!have) console.warn(`E2E 跳过：缺少 ${fs.existsSync(CHROMIUM) ? SAMPLE : CHROMIUM}`);

describeE2E('task pane in headless chromium with the fake Excel', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Awaited<ReturnType<typeof serve>>;
  let tables: RawTable[];
  const requests: string[] = [];
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    await buildPane();
    server = await serve(BUILD);
    tables = workbookToTables(await loadXlsxFile(SAMPLE));
    const script = fakeOfficeScript({ sheets: tables.map(tableToFake) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    // A fresh profile per run (launch() uses a temporary user-data-dir).
    context = await browser.newContext({ viewport: { width: WIDTH, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requests.push(url);
      if (!url.startsWith(server.base)) {
        foreign.push(url);
        return route.abort();
      }
      if (url === `${server.base}assets/office/office.js`) {
        return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script });
      }
      return route.continue();
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  }, 900_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Screenshot of the whole pane; at every step nothing may be wider than the pane. */
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, WIDTH]);
  };

  /**
   * A slow "Excel": every batch (Excel.run) waits `ms` while `fn` runs, so reading and writing take seconds
   * (long enough for a screenshot and a click on a loaded machine).
   */
  const slowExcel = async <T,>(fn: () => Promise<T>, ms = 400): Promise<T> => {
    await page.evaluate((delay) => {
      const X = (window as unknown as { Excel: { run: (...a: unknown[]) => Promise<unknown>; __run?: unknown } }).Excel;
      const run = X.run;
      X.__run = run;
      X.run = (...a: unknown[]) => new Promise((r) => setTimeout(r, delay)).then(() => run.apply(X, a));
    }, ms);
    try {
      return await fn();
    } finally {
      await page.evaluate(() => {
        const X = (window as unknown as { Excel: { run: unknown; __run?: unknown } }).Excel;
        X.run = X.__run;
      });
    }
  };
  /** Every sheet's name and full state in the fake Excel. */
  const bookState = () =>
    page.evaluate(() => {
      const x = (window as unknown as { __fakeExcel: { sheetNames(): string[]; fingerprint(n: string): string } }).__fakeExcel;
      return x.sheetNames().map((n) => `${n}\n${x.fingerprint(n)}`);
    });

  it('loads the pane inside "Excel"', async () => {
    await page.goto(`${server.base}taskpane.html`);
    await page.getByTestId('read-sheets').waitFor({ timeout: 60_000 });
    await page.getByText('当前工作簿').waitFor();
    await shot('01-start');
  });

  it('帮助 in the header opens the user docs shipped in the build', async () => {
    await checkHelpLink(page, context);
  });

  it('数据: reads every sheet and shows the recognised kinds and column mapping', async () => {
    await page.getByTestId('read-sheets').click();
    await page.getByText('重新读取工作表').waitFor({ timeout: 120_000 });
    for (const t of tables) {
      const detected = await page.getByTestId(`sheet-${t.sheet}`).count();
      const notInput = await page.getByText(`“${t.sheet}”：`).count();
      expect(detected + notInput).toBe(1);
    }
    const kinds = analyse(tables, defaultConfig()).parsed.sheets;
    expect(kinds.some((d) => d.kind === 'roster')).toBe(true);
    expect(await page.locator('[data-testid^="sheet-"]').count()).toBe(kinds.length);
    // Open the column mapping of the first roster: every column with its meaning.
    const roster = kinds.find((d) => d.kind === 'roster')!;
    const first = page.getByTestId(`sheet-${roster.sheet}`);
    await first.locator('summary').click();
    const id = roster.columns.studentId!;
    expect(await first.getByRole('combobox', { name: `${roster.sheet} ${id.column}列“${id.header}”的含义` }).inputValue()).toBe('studentId');
    await shot('02-data');
    await docShot(page, '01-data');
  });

  it('数据: 取消 while reading stops between sheets; the sheets read before stay (350 and 1280 px)', async () => {
    const before = await page.locator('[data-testid^="sheet-"]').count();
    for (const width of [WIDTH, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await slowExcel(async () => {
        await page.getByTestId('read-sheets').click();
        await page.getByTestId('read-progress').getByText(/正在读取第 2\/\d+ 张工作表“.+”…/).waitFor({ timeout: 60_000 });
        expect((await page.getByTestId('read-progress').boundingBox())!.width).toBeLessThanOrEqual(Math.min(width, 640));
        if (width === WIDTH) await shot('02-data-reading');
        else await page.screenshot({ path: path.join(OUT, '02-data-reading-1280.png'), fullPage: true });
        await page.getByTestId('read-cancel').click();
        await page.getByText('已取消读取：仍使用上次读取的工作表内容。', { exact: true }).waitFor({ timeout: 60_000 });
      }, 1500);
      expect(await page.getByTestId('read-progress').count()).toBe(0);
      expect(await page.locator('[data-testid^="sheet-"]').count()).toBe(before);
      expect(await page.getByTestId('read-sheets').isEnabled()).toBe(true);
    }
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await shot('02-data-cancelled');
  });

  it('设置: shows every setting with its default, and rejects a bad value in Chinese', async () => {
    await page.getByTestId('tab-settings').click();
    const quota = page.getByTestId('setting-quotaPercent');
    expect(await quota.inputValue()).toBe('30');
    await quota.fill('abc');
    await page.getByText('「推荐比例」应填写数字。').waitFor();
    await shot('03-settings-error');
    await quota.fill('30');
    expect(await page.getByText('「推荐比例」应填写数字。').count()).toBe(0);
    await shot('03-settings');
  });

  it('计算: runs in the worker, shows the per-group summary and the issues', async () => {
    await page.getByTestId('tab-run').click();
    await page.getByTestId('run').click();
    await page.getByTestId('run-message').waitFor({ timeout: 120_000 });
    const message = await page.getByTestId('run-message').innerText();
    expect(message).toContain('计算完成');
    await page.getByTestId('summary').waitFor();
    const expected = analyse(tables, defaultConfig());
    expect(expected.output).not.toBeNull();
    expect(await page.getByTestId('summary').innerText()).toContain(`各排名组汇总（${expected.output!.result.groups.length} 组）`);
    await shot('04-run');
  });

  it('计算: 定位 selects the cell an issue points at', async () => {
    const first = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^定位到 .+![A-Z]+[0-9]+$/ }) }).first();
    const label = (await first.getByRole('button').getAttribute('aria-label'))!;
    const [, sheet, cell] = /^定位到 (.+)!([A-Z]+[0-9]+)$/.exec(label) ?? [];
    expect(sheet).toBeTruthy();
    await first.getByRole('button').click();
    await page.waitForFunction(
      ([s, c]) => {
        const sel = (window as unknown as { __fakeExcel: { selection(): { sheet: string; address: string } | null } }).__fakeExcel.selection();
        return sel !== null && sel.sheet === s && sel.address.replace(/^.*!/, '').replace(/\$/g, '') === c;
      },
      [sheet, cell],
    );
  });

  it('输出: 取消 while the sheets are checked, before anything is written, leaves the workbook as it was (350 and 1280 px)', async () => {
    await page.getByTestId('to-output').click();
    const before = await bookState();
    for (const width of [WIDTH, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await slowExcel(async () => {
        await page.getByTestId('write').click();
        await page.getByTestId('write-progress').getByText(/^第 1 步，共 3 步：核对工作表在计算后是否有改动：第 2\/\d+ 张“.+”…$/u).waitFor({ timeout: 60_000 });
        expect((await page.getByTestId('write-progress').boundingBox())!.width).toBeLessThanOrEqual(Math.min(width, 640));
        if (width === WIDTH) {
          await shot('05-write-checking');
          await docShot(page, '04-output-progress', 'write-progress', 120);
        } else await page.screenshot({ path: path.join(OUT, '05-write-checking-1280.png'), fullPage: true });
        await page.getByTestId('write-cancel').click();
        await page.getByTestId('write-message').filter({ hasText: WRITE_CANCELLED }).waitFor({ timeout: 60_000 });
      }, 1500);
      expect(await page.getByTestId('write-progress').count()).toBe(0);
      expect(await page.getByTestId('write').isEnabled()).toBe(true);
      expect(await bookState()).toEqual(before);
    }
    await page.setViewportSize({ width: WIDTH, height: 900 });
  });

  it('输出: 写回 writes the result block next to the roster, equal to the Node pipeline result', async () => {
    // Once writing has begun there is no 取消, and the pane says why.
    await slowExcel(async () => {
      await page.getByTestId('write').click();
      await page.getByTestId('write-no-cancel').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('write-cancel').count()).toBe(0);
      expect(await page.getByTestId('write-progress').innerText()).toMatch(/第 [23] 步，共 3 步/u);
      await shot('05-write-no-cancel');
      await page.getByTestId('write-message').waitFor({ timeout: 120_000 });
    }, 1500);
    await page.getByTestId('attachments-message').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('write-message').innerText()).toMatch(/已在“.+”的 [A-Z]+–[A-Z]+ 列写回 11 列结果.*写入的区域原为空白/);
    await shot('05-write');
    await docShot(page, '04-output');

    const expected = analyse(tables, defaultConfig());
    const sheets = new Map<string, { values: FakeValue[][]; start: number }>();
    for (const roster of expected.parsed.sheets.filter((s) => s.kind === 'roster')) {
      const values = (await page.evaluate((name) => (window as unknown as { __fakeExcel: { values(n: string): unknown } }).__fakeExcel.values(name), roster.sheet)) as FakeValue[][];
      const header = values[roster.headerRow - 1]!;
      const start = header.indexOf(RESULT_HEADERS[0]);
      // The block starts right of the user's own data, which is unchanged.
      expect([roster.sheet, start]).toEqual([roster.sheet, roster.lastColumn]);
      expect(header.slice(start, start + RESULT_HEADERS.length)).toEqual([...RESULT_HEADERS]);
      sheets.set(roster.sheet, { values, start });
    }
    const col = (start: number, h: string) => start + RESULT_HEADERS.indexOf(h as (typeof RESULT_HEADERS)[number]);
    let checked = 0;
    for (const s of expected.output!.result.students) {
      const source = expected.output!.students.get(s.studentId)!.student.source;
      const { values, start } = sheets.get(source.sheet)!;
      const at = (h: string) => values[source.row - 1]![col(start, h)];
      expect([s.studentId, at('推荐结果')]).toEqual([s.studentId, statusText[s.status]]);
      expect([s.studentId, at('平均成绩')]).toEqual([s.studentId, s.average === null ? '' : Number(s.average)]);
      expect([s.studentId, at('排名')]).toEqual([s.studentId, s.rank ?? '']);
      expect([s.studentId, at('是否符合条件')]).toEqual([s.studentId, s.eligible ? '是' : '否']);
      expect([s.studentId, at('递补顺序')]).toEqual([s.studentId, s.substituteOrder ?? '']);
      expect([s.studentId, at('录取院校')]).toEqual([s.studentId, s.allocation?.university ?? '']);
      checked += 1;
    }
    expect(checked).toBe(expected.output!.result.students.length);
    expect(checked).toBeGreaterThan(100);
  });

  it('输出: the same click created the 附件 sheets from the same run', async () => {
    await page.getByTestId('attachments-message').waitFor({ timeout: 120_000 });
    const text = await page.getByTestId('attachments-message').innerText();
    expect(text).toContain('已生成');
    const names = (await page.evaluate(() => (window as unknown as { __fakeExcel: { sheetNames(): string[] } }).__fakeExcel.sheetNames())) as string[];
    expect(names.some((n) => n.startsWith('附件5'))).toBe(true);
    expect(names).toContain('计算说明');
    await shot('06-attachments');
  });

  // ── Issue 15: the secretary's day, replayed (SPEC §3.1, §4.6) ──
  const fake = <T,>(fn: string, ...args: unknown[]) =>
    page.evaluate(([f, a]) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>).__fakeExcel[f as string]!(...(a as unknown[])), [fn, args] as const) as Promise<T>;
  /** Clicks a button and waits for a new message (the old one is marked, so it cannot satisfy the wait). */
  const clickAndAwait = async (button: string, message: string) => {
    await page.evaluate((m) => document.querySelectorAll(`[data-testid="${m}"]`).forEach((e) => e.setAttribute('data-old', '1')), message);
    await page.getByTestId(button).click();
    await page.locator(`[data-testid="${message}"]:not([data-old])`).waitFor({ timeout: 120_000 });
  };
  const FIN = '学生名册-财经与物流管理学院';
  const ME = '学生名册-机电工程学院';

  it('rulings typed into 裁定结果 after computing are honoured by 重新计算', async () => {
    await page.getByTestId('tab-run').click();
    // The tie of 0521310025 / 0521310027 waits for a ruling (listed first among the problems).
    expect(await page.getByTestId('problem-TIE_AT_QUOTA').count()).toBe(1);
    await fake('userSet', FIN, 'AB28', [['推荐']]);
    await fake('userSet', FIN, 'AB30', [['不推荐']]);
    await clickAndAwait('run', 'run-message');
    expect(await page.getByTestId('run-message').innerText()).toContain('计算完成');
    expect(await page.getByTestId('problem-TIE_AT_QUOTA').count()).toBe(0);
    await shot('07-rulings-honoured');
  });

  it('"我的批注" typed into 递补顺序: the write stops and asks, then moves it beside the block', async () => {
    await fake('userSet', ME, 'AJ5', [['我的批注']]); // AC–AM is the block: AJ = 递补顺序
    await page.getByTestId('to-output').click();
    await clickAndAwait('write', 'write-message');
    await page.getByTestId('write-move').waitFor({ timeout: 120_000 });
    const msg = await page.getByTestId('write-message').innerText();
    expect(msg).toContain('AJ5“我的批注”');
    expect(msg).toContain('本次没有写入');
    expect(await fake('cell', ME, 'AJ5')).toMatchObject({ value: '我的批注' });
    await shot('08-user-text-stops');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(OUT, '08-user-text-stops-1280.png'), fullPage: true });
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await clickAndAwait('write-move', 'attachments-message');
    expect(await page.getByTestId('write-message').innerText()).toContain('AJ5→AN5');
    expect(await fake('cell', ME, 'AN5')).toMatchObject({ value: '我的批注' });
    await shot('09-user-text-moved');
  });

  it('a column inserted in the roster: the block moves with its defined name; nothing of the user\'s is overwritten', async () => {
    await fake('userInsertColumns', ME, 'J');
    await fake('userSet', ME, 'J1', [['宿舍号']]);
    await page.getByTestId('tab-run').click();
    await clickAndAwait('run', 'run-message');
    expect(await page.getByTestId('run-message').innerText()).toContain('计算完成');
    await page.getByTestId('to-output').click();
    await clickAndAwait('write', 'attachments-message');
    expect(await page.getByTestId('write-message').innerText()).toContain('AD–AN 列');
    const header = (await fake<FakeValue[][]>('values', ME))[0]!;
    expect(header[28]).toBe('裁定结果');
    expect(header.slice(29, 40)).toEqual([...RESULT_HEADERS]);
    expect(header[40]).toBe(''); // 我的批注's column moved right with everything else: AO now, header empty
    expect(await fake('cell', ME, 'AO5')).toMatchObject({ value: '我的批注' });
  });

  it('a grade corrected to 105 after computing: 写回 writes nothing and shows the error', async () => {
    const before = await fake<string>('fingerprint', ME);
    await fake('userSet', '成绩', 'J4', [[105]]);
    await clickAndAwait('write', 'write-message');
    expect(await page.getByTestId('write-message').innerText()).toMatch(/“成绩”在计算之后有改动.*没有写入/);
    expect(await fake<string>('fingerprint', ME)).toBe(before);
    await shot('10-changed-since-run');
    await page.getByTestId('tab-run').click();
    await page.getByText(/成绩!J4/).first().waitFor({ timeout: 60_000 });
    await shot('11-error-after-change');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(OUT, '11-error-after-change-1280.png'), fullPage: true });
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await fake('userSet', '成绩', 'J4', [[68.6]]);
  });

  it('Excel in cell-edit mode: a clear Chinese message, and the same click works after Enter', async () => {
    await fake('setCellEditMode', true);
    await clickAndAwait('run', 'run-message');
    expect(await page.getByTestId('run-message').innerText()).toMatch(/单元格编辑状态.*Enter 或 Esc/);
    await shot('12-edit-mode');
    await fake('setCellEditMode', false);
    await clickAndAwait('run', 'run-message');
    expect(await page.getByTestId('run-message').innerText()).toContain('计算完成');
  });

  it('keeps the initial JS (office.js + the pane entry) within 350 KB gzip; ExcelJS and the engine load later', () => {
    const html = fs.readFileSync(path.join(BUILD, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]!);
    expect(scripts.some((s) => s.includes('office.js'))).toBe(true);
    const gz = scripts.map((s) => gzipSync(fs.readFileSync(path.join(BUILD, s)), { level: 9 }).length);
    const total = gz.reduce((a, b) => a + b, 0);
    console.log(`初始 JS（gzip）：${scripts.map((s, i) => `${s} ${(gz[i]! / 1024).toFixed(1)} KB`).join('，')}，合计 ${(total / 1024).toFixed(1)} KB`);
    expect(total).toBeLessThanOrEqual(350 * 1024);
    const entry = fs.readFileSync(path.join(BUILD, scripts.find((s) => s.startsWith('taskpane'))!), 'utf8');
    expect(entry).not.toContain('exceljs');
  });

  it('requested nothing but its own static files, and logged no error', () => {
    expect(foreign).toEqual([]);
    expect(requests.some((u) => /zsb-engine\.[0-9a-f]+\.js$/.test(u))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

});
