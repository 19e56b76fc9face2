/**
 * End-to-end of the secretary's day (issue 18) in file mode, headless chromium, the whole day once at
 * 350 px and once at 1280 px: 计算 with progress and 取消 (the worker stopped, a fresh one next time),
 * problems first with counts, settings warnings / full-width percent / confirmations / sticky actions,
 * focus and live regions, the groups as cards when narrow and a table when wide, 帮助, Beijing time,
 * 学生查询 with copy, pending rulings at 输出, the 公示用 download, and 变更对比 after a grade correction
 * in the downloaded workbook picked again. Screenshots: test-output/e2e/secretary-<width>-*.png.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { RUN_CANCELLED } from '../../src/taskpane/state';
import { checkHelpLink, CHROMIUM, docShot, fileModeSuite, OUT, ROOT } from './support';

const SAMPLE = path.join(ROOT, 'assets', 'sample', '示例学校-2024专升本.xlsx');
const FIXED = new Date('2024-04-15T08:00:00.000Z');
const have = fs.existsSync(CHROMIUM) && fs.existsSync(SAMPLE);
if (!have && process.env.CI) throw new Error('CI 中缺少 /usr/bin/chromium 或示例文件：浏览器端到端测试不能跳过。');
const describeE2E = have ? describe : describe.skip;

/**
 * Prepended to the engine worker's script for one test: after its first progress message ("已接收 …，
 * 开始计算") the worker stays busy for a minute, as with a very big school — only terminate() ends it.
 */
const BUSY_WORKER =
  '(function(){var post=self.postMessage.bind(self),busy=false;self.postMessage=function(m){post(m);' +
  "if(!busy&&m&&m.type==='progress'&&typeof m.stage==='string'&&m.stage.indexOf('已接收')===0){busy=true;var end=Date.now()+60000;while(Date.now()<end){}}};})();\n";
/** File mode computes in its file worker (it holds the files read): the worker to keep busy and count. */
const ENGINE = /zsb-file\.[0-9a-f]+\.js$/;

describeE2E.each([350, 1280])('the secretary in file mode (issue 18) at %i px', (WIDTH) => {
  const HEIGHT = 800;
  const narrow = WIDTH < 700;
  let context: BrowserContext;
  let page: Page;
  const workers: Worker[] = [];
  const closed: Worker[] = [];
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(OUT, `secretary-${WIDTH}-${name}.png`), fullPage: true });
    const width = page.viewportSize()!.width;
    expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width]);
  };
  /** The screenshots of docs/taskpane.md are the narrow pane's. */
  const doc = (...a: Parameters<typeof docShot> extends [Page, ...infer R] ? R : never) => (narrow ? docShot(page, ...a) : Promise.resolve());
  const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);
  const top = async (testId: string) => (await page.getByTestId(testId).boundingBox())!.y;

  const suite = fileModeSuite({ width: WIDTH, height: HEIGHT }, FIXED, async (s) => {
    ({ context, page } = s);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.base });
    // The first file worker is made busy once it starts computing (the 取消 test); the fresh one that
    // replaces it is served as built. Registered after the catch-all route of offlineFilePage, so asked first.
    let busyServed = false;
    await context.route(ENGINE, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      await route.fulfill({ response, body: busyServed ? body : BUSY_WORKER + body });
      busyServed = true;
    });
    // The workers that compute (file mode: the file worker, one per opening of the files).
    page.on('worker', (w) => {
      if (!ENGINE.test(w.url())) return;
      workers.push(w);
      w.on('close', () => closed.push(w));
    });
  });
  const { foreign, pageErrors } = suite;

  it('picked files: the step heading takes the focus, the live region announces the sheets', async () => {
    await page.goto(`${suite.base}taskpane.html`);
    await page.getByTestId('file-input').setInputFiles([SAMPLE]);
    await page.getByText('重新读取工作表').waitFor({ timeout: 120_000 });
    expect(await focused()).toBe('step-heading');
    expect(await page.getByTestId('live-status').innerText()).toMatch(/^已读取 \d+ 张工作表。/u);
  });

  it('帮助 in the sticky header opens the user docs shipped in the build', async () => {
    await checkHelpLink(page, context);
  });

  it('settings: 35 % warns (not refuses), “３０％” is 30, 恢复默认 asks, the actions stay in view, file-mode wording', async () => {
    await page.getByTestId('tab-settings').click();
    expect(await focused()).toBe('step-heading');
    const quota = page.getByTestId('setting-quotaPercent');
    await quota.fill('35');
    await page.getByText('推荐比例 35% 超过细则三（一）2“不超过30%”的规定，请确认已获批准。').waitFor();
    await page.getByTestId('settings-warnings').waitFor();
    await shot('01-settings-warning');
    await doc('02-settings', 'setting-quotaPercent', 110);
    await quota.fill('３０％');
    expect(await page.getByText('应填写数字').count()).toBe(0);
    expect(await page.getByTestId('settings-warnings').count()).toBe(0);
    // The actions are on screen with the page scrolled to the top of a long form.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await page.getByTestId('settings-actions').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT + 1);
    // Wide: the form keeps a sane width instead of stretching across the page.
    expect((await quota.boundingBox())!.width).toBeLessThanOrEqual(narrow ? WIDTH : 640);
    await page.getByTestId('settings-reset').click();
    await page.getByTestId('confirm').waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    expect(await quota.inputValue()).toBe('３０％');
    await page.getByTestId('settings-save').click();
    await page.getByText('设置已记下，将随下载的结果工作簿保存（下载前不会写入任何文件）。').waitFor();
  });

  it('计算: progress, then 取消 stops the worker; the pane is as before 计算, nothing half-shown', async () => {
    try {
      await page.getByTestId('tab-run').click();
      expect(await page.getByTestId('run').innerText()).toBe('开始计算');
      await page.getByTestId('run').click();
      const progress = page.getByTestId('run-progress');
      await progress.getByText(/^已接收 \d+ 张工作表（\d+ 行），开始计算$/u).waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('run').isDisabled()).toBe(true);
      expect((await progress.boundingBox())!.width).toBeLessThanOrEqual(narrow ? WIDTH : 640);
      await shot('02-run-progress');
      await doc('03-run-progress');
      await page.getByTestId('run-cancel').click();
      await page.getByTestId('run-notice').waitFor({ timeout: 30_000 });
    } finally {
      await context.unroute(ENGINE);
    }
    expect(await page.getByTestId('run-notice').innerText()).toBe(RUN_CANCELLED);
    await page.getByTestId('live-status').filter({ hasText: RUN_CANCELLED }).waitFor();
    // As before 计算: no progress, no result of any kind, the button ready again.
    for (const id of ['run-progress', 'run-message', 'issues', 'summary', 'lookup-input', 'to-output']) expect([id, await page.getByTestId(id).count()]).toEqual([id, 0]);
    expect(await page.getByTestId('run').isEnabled()).toBe(true);
    expect(await page.getByTestId('tab-output').isDisabled()).toBe(true);
    // The busy worker was terminated.
    for (let i = 0; i < 100 && closed.length === 0; i++) await page.waitForTimeout(100);
    expect([workers.length, closed.length]).toEqual([1, 1]);
    await shot('02-run-cancelled');
  }, 180_000);

  it('计算: problems first with counts, rulings on top, repeats collapsed, the place once', async () => {
    await page.getByTestId('tab-run').click();
    await page.getByTestId('run').click();
    await page.getByTestId('run-message').waitFor({ timeout: 120_000 });
    // Computed by a fresh worker (the cancelled one is gone); the notice of the cancel is gone too.
    expect([workers.length, closed.length]).toEqual([2, 1]);
    expect(await page.getByTestId('run-notice').count()).toBe(0);
    expect(await page.getByTestId('run-message').innerText()).toBe('计算完成：8 个排名组；2 处待裁定，31 个警告。');
    await page.getByTestId('live-status').filter({ hasText: '计算完成' }).waitFor();
    expect(await top('issues')).toBeLessThan(await top('summary'));
    const tiers = await page.locator('[data-tier]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tier));
    expect(tiers.slice(0, 2)).toEqual(['ruling', 'ruling']);
    const seats = page.getByTestId('problem-NO_SEAT_FOR_WISHES');
    expect(await seats.innerText()).toContain('25 名学生：志愿中没有仍有名额的对口招录专业');
    await doc('03-run');
    await page.getByTestId('expand-NO_SEAT_FOR_WISHES').click();
    expect(await seats.getByRole('listitem').count()).toBe(25);
    // The step bar stays on screen at the end of the long page.
    const bar = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return { scrolled: window.scrollY, top: document.querySelector('header')!.getBoundingClientRect().top };
    });
    expect(bar.scrolled).toBeGreaterThan(HEIGHT);
    expect(bar.top).toBe(0);
    expect(await page.getByTestId('tab-output').isVisible()).toBe(true);
    const tie = await page.getByTestId('problem-TIE_AT_QUOTA').innerText();
    expect(tie.split('学生名册-财经与物流管理学院!B28')).toHaveLength(2);
    await shot('02-run');
    await doc('03-issues', 'problem-NO_SEAT_FOR_WISHES');
  }, 180_000);

  it('学生查询: the reckoning of 0121130016 with its fraction, copied as text', async () => {
    await page.getByTestId('lookup-input').fill('0121130016');
    const text = page.getByTestId('lookup-text');
    await text.waitFor();
    expect(await text.innerText()).toContain('= 1243.2 ÷ 14 = 88.8');
    expect(await text.innerText()).toContain('排名 × 100 = 300 ≤ 60 × N = 1200 ⇒ 在前60%');
    await page.getByTestId('lookup-copy').click();
    await page.getByText('已复制到剪贴板。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('0121130016（孙辉）');
    await text.scrollIntoViewIfNeeded();
    await shot('03-lookup');
    await doc('07-lookup', 'lookup-input', 70);
  });

  it(`${WIDTH} px: the groups are ${narrow ? 'cards' : 'one table'}; nothing wider than the pane`, async () => {
    const table = page.getByTestId('group-table');
    expect(await table.isVisible()).toBe(!narrow);
    expect(await table.locator('tbody tr').count()).toBe(8);
    if (!narrow) {
      expect((await table.boundingBox())!.width).toBeLessThanOrEqual(WIDTH);
      await shot('04-run-wide');
      if (process.env.DOCS_SCREENSHOTS === '1') {
        // The lookup of the test above closed and the expanded repeats folded: the groups' table fills the shot.
        await page.getByTestId('lookup-input').fill('');
        await page.getByTestId('lookup-text').waitFor({ state: 'detached' });
        await page.getByTestId('expand-NO_SEAT_FOR_WISHES').click();
        await docShot(page, '03-run-1280', 'END');
      }
    } else {
      // 合计 and one card per group.
      const visible = await page.getByTestId('summary').getByText('合计', { exact: true }).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
      expect(visible).toBe(1);
      await shot('04-run-cards');
    }
  });

  let internal = '';
  it('输出: pending rulings repeated; 公示用 download without 附件7 or rosters; the internal one whole', async () => {
    await page.getByTestId('to-output').click();
    expect(await page.getByTestId('pending-rulings').innerText()).toContain('2 处待领导小组裁定');
    await page.getByTestId('download-public').click();
    // Every text the download's progress shows, however briefly (a MutationObserver in the page).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="download-progress"]')?.textContent;
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const [pub] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('download').click()]);
    await page.getByTestId('download-message').waitFor({ timeout: 180_000 });
    // The three steps in order; the file worker's own stages show in brackets under a step ("（载入…）",
    // "（写出第 2/34 张工作表“附件5-工业机器人技术（扩招）”…）": a sheet name may hold brackets too).
    const steps = (await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress)).map((t) => t.replace(/^(第 \d 步，共 \d 步：[^（]*)（.*…）$/u, '$1'));
    expect(steps.filter((t, i) => t !== steps[i - 1])).toEqual([
      '第 1 步，共 3 步：写回结果列…',
      '第 2 步，共 3 步：生成附件…',
      '第 3 步，共 3 步：打包工作簿…',
    ]);
    expect(pub.suggestedFilename()).toBe('柳州职业技术学院-2021级-专升本推荐结果-2024-04-15-公示用.xlsx');
    const pubFile = path.join(OUT, 'secretary-public.xlsx');
    await pub.saveAs(pubFile);
    const wb = await new ExcelJS.Workbook().xlsx.readFile(pubFile);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).not.toContain('附件7-生源数据（内部）');
    expect(names.some((n) => n.startsWith('学生名册'))).toBe(false);
    expect(names).toContain('附件5-总表');
    await shot('06-output-public');
    await doc('06-file-download');

    await page.getByRole('radio', { name: /^内部工作簿/u }).click();
    const [full] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('download').click()]);
    internal = path.join(OUT, 'secretary-internal.xlsx');
    await full.saveAs(internal);
    const book = await new ExcelJS.Workbook().xlsx.readFile(internal);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['附件7-生源数据（内部）', '计算说明', '结果快照']));
    // Beijing time where a user reads a time: the clock says 08:00 UTC.
    const audit: string[] = [];
    book.getWorksheet('计算说明')!.eachRow((row) => audit.push(row.values.toString()));
    expect(audit.join('\n')).toContain('2024-04-15 16:00（北京时间）');
  }, 300_000);

  it('变更对比: the downloaded workbook with a corrected 补考 score, picked again (after confirming), lists who changed', async () => {
    // 0521310022 赵婧: 财务会计 补考 成绩!J3385 52 → 61 ⇒ counts 60; average 1029/14 = 73.50 → 1037/14 = 74.07.
    const wb = await new ExcelJS.Workbook().xlsx.readFile(internal);
    wb.getWorksheet('成绩')!.getCell('J3385').value = 61;
    const corrected = path.join(OUT, 'secretary-corrected.xlsx');
    await wb.xlsx.writeFile(corrected);

    await page.getByTestId('tab-data').click();
    await page.getByTestId('pick-files').click();
    await page.getByTestId('confirm').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('confirm-yes').click()]);
    await chooser.setFiles([corrected]);
    // The new session replaces the pane (the old one also shows 重新读取工作表): wait for the new file's name.
    await page.getByText('已选择：secretary-corrected.xlsx').waitFor({ timeout: 120_000 });
    await page.getByText('重新读取工作表').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-run').and(page.locator(':not([disabled])')).waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-run').click();
    await page.getByTestId('run').click();
    await page.getByTestId('run-message').waitFor({ timeout: 120_000 });
    const changes = page.getByTestId('changes');
    await changes.waitFor({ timeout: 60_000 });
    const text = await changes.innerText();
    expect(text).toContain('0521310022（赵婧）');
    expect(text).toContain('平均成绩 73.50 → 74.07');
    expect(text).toContain('本人的成绩或计入平均分的课程有变化');
    expect(text).toContain('与上次结果对比（2024-04-15 16:00（北京时间））');
    await changes.scrollIntoViewIfNeeded();
    await shot('07-changes');
    await doc('08-changes', 'changes');
  }, 300_000);

  it('requested nothing outside its own files and logged no page error', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
