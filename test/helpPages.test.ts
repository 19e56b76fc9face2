/**
 * The help pages shipped in the build (issue 18): scripts/help-pages.js renders docs/*.md to HTML.
 * Expected HTML written by hand for small inputs; the real docs checked for what a reader needs.
 */
import { HELP_PAGES, helpFiles, markdownToHtml } from '../scripts/help-pages';

test('headings, paragraphs (Chinese lines joined without a space), bold, code, fenced code', () => {
  expect(markdownToHtml('# 标题\n\n第一行\n第二行 **粗体** `a<b`\n\n```\nnpm ci\n<x>\n```\n')).toBe(
    '<h1>标题</h1>\n<p>第一行第二行 <strong>粗体</strong> <code>a&lt;b</code></p>\n<pre><code>npm ci\n&lt;x&gt;</code></pre>',
  );
  expect(markdownToHtml('one\ntwo')).toBe('<p>one two</p>');
});

test('nested lists with continuation lines', () => {
  expect(markdownToHtml('- a\n  续\n- b\n  - b1\n  - b2\n- c')).toBe(
    '<ul><li>a续</li><li>b<ul><li>b1</li><li>b2</li></ul></li><li>c</li></ul>',
  );
});

test('tables with images; links inside the docs kept, links leaving them become text', () => {
  expect(markdownToHtml('| a | b |\n|---|---|\n| ![图](screenshots/01-data.png) | [导出](教务系统导出成绩.md) |')).toBe(
    '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><img src="screenshots/01-data.png" alt="图" loading="lazy"></td>' +
      '<td><a href="grades-export.html">导出</a></td></tr></tbody></table>',
  );
  expect(markdownToHtml('见 [SPEC](../shared/SPEC.md) 与 [网站](https://example.com/)')).toBe('<p>见 SPEC 与 网站</p>');
});

test('the real docs: every page, its images in the build, nothing from elsewhere, a strict CSP', () => {
  const files = helpFiles();
  const names = new Set(files.map((f) => f.name));
  expect(HELP_PAGES.map((p) => `help/${p.page}`).every((n) => names.has(n))).toBe(true);
  expect(names.has('help/help.css')).toBe(true);
  for (const p of HELP_PAGES) {
    const html = files.find((f) => f.name === `help/${p.page}`)!.content.toString('utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'self'">`);
    // No Markdown left over, nothing loaded from another site.
    expect(html).not.toMatch(/\*\*|\]\(|^#/m);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const m of html.matchAll(/<img src="([^"]+)"/g)) expect([m[1], names.has(`help/${m[1]}`)]).toEqual([m[1], true]);
    for (const m of html.matchAll(/<a href="([^"#]+)/g)) expect([m[1], names.has(`help/${m[1]}`)]).toEqual([m[1], true]);
  }
  const index = files.find((f) => f.name === 'help/index.html')!.content.toString('utf8');
  expect(index).toContain('<h2>二、使用</h2>');
  expect((index.match(/<img /g) ?? []).length).toBeGreaterThanOrEqual(5);
});
