/**
 * The user docs as help pages in the build (issue 18 point 5): docs/taskpane.md → help/index.html,
 * docs/教务系统导出成绩.md → help/grades-export.html, their screenshots → help/screenshots/, one style sheet.
 *
 * Rendered at build time by a small Markdown subset renderer (what the docs use: headings, paragraphs,
 * nested lists, tables, fenced code, **bold**, `code`, links, images) — no library, no network, no CDN.
 * Each page carries its own Content-Security-Policy: nothing but its own images and style sheet.
 * Links between the docs (foo.md) become links between the pages; links leaving the docs (../README.md,
 * https://…) stay as text, since the help must work offline and inside Excel's pane.
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** Markdown source (relative to the repository) → page in build/help/. */
const HELP_PAGES = [
  { source: 'docs/taskpane.md', page: 'index.html' },
  { source: 'docs/教务系统导出成绩.md', page: 'grades-export.html' },
];
const HELP_DIR = 'help';
const SCREENSHOTS = 'docs/screenshots';

const CSS = `body{margin:0 auto;max-width:900px;padding:12px 16px 40px;font:14px/1.6 "Segoe UI","Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;color:#242424}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}h3{font-size:15px}
nav{font-size:13px;padding:6px 0;border-bottom:1px solid #e0e0e0;margin-bottom:8px}nav a{margin-right:14px}
table{border-collapse:collapse;margin:8px 0;display:block;overflow-x:auto}th:first-child,td:first-child{white-space:nowrap}th,td{border:1px solid #d1d1d1;padding:4px 8px;vertical-align:top;text-align:left}
img{max-width:100%;height:auto;border:1px solid #e0e0e0}td img{max-width:360px}
code{background:#f3f3f3;padding:0 3px;border-radius:3px;font-family:Consolas,"Courier New",monospace}
pre{background:#f3f3f3;padding:8px;overflow-x:auto}pre code{padding:0}a{color:#0f6cbd}
`;

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A link target inside the help: another doc's page, a screenshot; null for anything leaving the help. */
function helpTarget(href) {
  if (/^[a-z]+:/i.test(href) || href.startsWith('//')) return null;
  const [file, hash] = href.split('#');
  const doc = HELP_PAGES.find((p) => path.basename(p.source) === decodeURI(file));
  if (doc) return doc.page + (hash ? `#${hash}` : '');
  if (/^screenshots\/[\w.-]+\.png$/.test(file)) return href;
  return null;
}

/** Inline Markdown: `code`, ![alt](src), [text](href), **bold**. */
function inline(text) {
  const out = [];
  let rest = text;
  const re = /`([^`]+)`|!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*/;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    out.push(escapeHtml(rest.slice(0, m.index)));
    if (m[1] !== undefined) out.push(`<code>${escapeHtml(m[1])}</code>`);
    else if (m[3] !== undefined) {
      const src = helpTarget(m[3]);
      out.push(src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(m[2])}" loading="lazy">` : escapeHtml(m[2]));
    } else if (m[5] !== undefined) {
      const href = helpTarget(m[5]);
      out.push(href ? `<a href="${escapeHtml(href)}">${inline(m[4])}</a>` : inline(m[4]));
    } else out.push(`<strong>${inline(m[6])}</strong>`);
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(escapeHtml(rest));
  return out.join('');
}

/** Lines of one paragraph or list item joined: no space between Chinese lines, one between Latin ones. */
function joinLines(lines) {
  return lines.reduce((acc, l) => {
    if (!acc) return l;
    return /[\u2e80-\uffff]$/.test(acc) || /^[\u2e80-\uffff]/.test(l) ? acc + l : `${acc} ${l}`;
  }, '');
}

const LIST_ITEM = /^(\s*)(?:[-*]|\d+\.)\s+(.*)$/;

function splitRow(line) {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** Markdown (the subset above) → HTML body. */
function markdownToHtml(md) {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const html = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = /^```/.exec(line);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) body.push(lines[i++]);
      i++;
      html.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      html.push(`<h${level}>${inline(heading[2].trim())}</h${level}>`);
      i++;
      continue;
    }
    if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      html.push('<hr>');
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) {
      const head = splitRow(line);
      i += 2;
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(splitRow(lines[i++]));
      html.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (LIST_ITEM.test(line)) {
      // Items with their indentation; an indented line without a marker continues the item above it.
      const items = [];
      while (i < lines.length && lines[i].trim() && !/^```|^#/.test(lines[i])) {
        const m = LIST_ITEM.exec(lines[i]);
        if (m) items.push({ indent: m[1].length, ordered: /^\s*\d/.test(lines[i]), lines: [m[2].trim()] });
        else if (/^\s/.test(lines[i]) || items.length) items[items.length - 1].lines.push(lines[i].trim());
        i++;
      }
      html.push(renderList(items, 0, items.length));
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^(#|```|\s*\||\s*(?:[-*]|\d+\.)\s)/.test(lines[i])) para.push(lines[i++].trim());
    if (!para.length) para.push(lines[i++].trim());
    html.push(`<p>${inline(joinLines(para))}</p>`);
  }
  return html.join('\n');
}

/** items[from, to) at the indentation of items[from] as one <ul>/<ol>, deeper items nested in the one above. */
function renderList(items, from, to) {
  const tag = items[from].ordered ? 'ol' : 'ul';
  const base = items[from].indent;
  const out = [`<${tag}>`];
  let k = from;
  while (k < to) {
    let end = k + 1;
    while (end < to && items[end].indent > base) end++;
    out.push(`<li>${inline(joinLines(items[k].lines))}${end > k + 1 ? renderList(items, k + 1, end) : ''}</li>`);
    k = end;
  }
  out.push(`</${tag}>`);
  return out.join('');
}

/** A complete help page: its own strict CSP (own images and style sheet only), a nav between the pages. */
function helpPage(md, current) {
  const title = (/^#\s+(.*)$/m.exec(md) || [, '帮助'])[1].trim();
  const nav = HELP_PAGES.map((p) => {
    const t = (/^#\s+(.*)$/m.exec(fs.readFileSync(path.join(__dirname, '..', p.source), 'utf8')) || [, p.page])[1].trim();
    return p.page === current ? `<strong>${escapeHtml(t)}</strong>` : `<a href="${p.page}">${escapeHtml(t)}</a>`;
  }).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'self'">
<title>${escapeHtml(title)} · 专升本推荐助手帮助</title>
<link rel="stylesheet" href="help.css">
</head>
<body>
<nav aria-label="帮助页面">${nav}</nav>
<main>
${markdownToHtml(md)}
</main>
</body>
</html>
`;
}

/** Every file of build/help/: { name (relative to the build), content (Buffer) }. */
function helpFiles(root = path.join(__dirname, '..')) {
  const files = HELP_PAGES.map((p) => ({
    name: `${HELP_DIR}/${p.page}`,
    content: Buffer.from(helpPage(fs.readFileSync(path.join(root, p.source), 'utf8'), p.page), 'utf8'),
    source: path.join(root, p.source),
  }));
  files.push({ name: `${HELP_DIR}/help.css`, content: Buffer.from(CSS, 'utf8'), source: __filename });
  const shots = path.join(root, SCREENSHOTS);
  if (fs.existsSync(shots)) {
    for (const f of fs.readdirSync(shots).filter((n) => n.endsWith('.png')).sort()) {
      files.push({ name: `${HELP_DIR}/screenshots/${f}`, content: fs.readFileSync(path.join(shots, f)), source: path.join(shots, f) });
    }
  }
  return files;
}

/** Webpack plugin: emits helpFiles() into the build and watches their sources. */
class HelpPagesPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('HelpPagesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'HelpPagesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const f of helpFiles(compiler.context)) {
          compilation.emitAsset(f.name, new sources.RawSource(f.content), { minimized: true });
          compilation.fileDependencies.add(f.source);
        }
      });
    });
  }
}

module.exports = { HELP_PAGES, HELP_DIR, markdownToHtml, helpPage, helpFiles, HelpPagesPlugin };
