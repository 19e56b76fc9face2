/**
 * Builds the task pane (taskpane.html + its JS, the engine Web Worker, lazily loaded ExcelJS) into build/.
 *
 *   npx webpack --mode production                  → build/ for https://localhost:3000/
 *   PUBLIC_URL=https://addin.example.edu/zsb/ npx webpack --mode production
 *                                                  → same bundle; the copied manifest.xml points there
 *
 * Two pages: taskpane.html (the add-in inside Excel) and file.html (file mode, used outside Excel: it loads
 * no office.js at all). The user docs (docs/*.md) become help pages in build/help/ (scripts/help-pages.js).
 *
 * office.js (SPEC §4.5): a production build loads it from Microsoft's CDN,
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js, as Microsoft requires of production add-ins
 * (the npm package @microsoft/office-js is for development and firewalled debugging only). For an
 * air-gapped intranet whose Excel cannot reach the CDN:
 *
 *   OFFICE_JS=local npx webpack --mode production   (or --env officeJs=local)
 *
 * copies office.js from node_modules/@microsoft/office-js/dist into build/assets/office/ (the loader, the
 * Excel host scripts it picks at run time, zh-cn / en-us strings) and loads that. Development builds and
 * the tests use the local copy.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const webpack = require('webpack');
const { HelpPagesPlugin } = require('./scripts/help-pages');

const DEFAULT_PUBLIC_URL = 'https://localhost:3000/';
const MANIFEST_URL = 'https://localhost:3000/';

/** PUBLIC_URL with exactly one trailing slash. */
function publicUrl(env) {
  const raw = (env && env.PUBLIC_URL) || process.env.PUBLIC_URL || DEFAULT_PUBLIC_URL;
  let u;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL 不是有效的网址：${raw}（示例：https://addin.example.edu/zsb/）`);
  }
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/**
 * The manifest's own URLs (written for https://localhost:3000/) rewritten to the public URL; a bare
 * origin (AppDomain https://localhost:3000) becomes the public URL's origin.
 */
function rewriteManifest(content, url) {
  const origin = new URL(url).origin;
  const text = content.toString('utf8').split(MANIFEST_URL).join(url).split(MANIFEST_URL.replace(/\/$/, '')).join(origin);
  return Buffer.from(text, 'utf8');
}

const officeDist = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

/** Microsoft's CDN address of office.js (ExcelApi 1.x, evergreen). */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL = 'assets/office/office.js';

/** Where taskpane.html loads office.js from: the CDN in production, unless OFFICE_JS=local; local in development. */
function officeJsSource(env, prod) {
  const wanted = (env && env.officeJs) || process.env.OFFICE_JS || (prod ? 'cdn' : 'local');
  if (wanted === 'cdn') return OFFICE_JS_CDN;
  if (wanted === 'local') return OFFICE_JS_LOCAL;
  throw new Error(`OFFICE_JS 只能是 cdn 或 local（现在是 ${wanted}）`);
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || (env.production ? 'production' : 'development');
  const prod = mode === 'production';
  const url = publicUrl(env);
  const officeJs = officeJsSource(env, prod);
  const copies = [];
  if (officeJs === OFFICE_JS_LOCAL) copies.push(
    {
      from: officeDist,
      to: 'assets/office',
      // Already minified by Microsoft: skip terser (minifying 8 MB of Office.js takes minutes).
      info: { minimized: true },
      globOptions: {
        // The loader, the Excel host scripts office.js chooses from, and two locales. No debug builds, no
        // other Office hosts, no telemetry.
        ignore: ['**/*.debug.js', '**/*.d.ts', '**/office-vsdoc.js', '**/ariatelemetry/**'],
      },
      filter: (file) => {
        const rel = path.relative(officeDist, file).split(path.sep).join('/');
        if (rel === 'office.js' || rel === 'o15apptofilemappingtable.js' || rel === 'es6-promise.js') return true;
        if (/^excel[^/]*\.js$/.test(rel)) return true;
        return /^(zh-cn|en-us)\/office_strings\.js$/.test(rel);
      },
    },
  );
  if (fs.existsSync(path.join(__dirname, 'assets'))) {
    copies.push({
      from: 'assets',
      to: 'assets',
      noErrorOnMissing: true,
      info: { minimized: true },
      globOptions: { ignore: ['**/manifest*.xml'] },
    });
  }
  for (const name of ['manifest.xml', 'assets/manifest.xml']) {
    if (fs.existsSync(path.join(__dirname, name))) {
      copies.push({ from: name, to: 'manifest.xml', transform: (content) => rewriteManifest(content, url) });
      break;
    }
  }

  return {
    mode,
    context: __dirname,
    entry: { taskpane: './src/taskpane/index.tsx', file: './src/taskpane/file/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'build'),
      // Relative: the same build works at any URL (the manifest carries the absolute one).
      publicPath: 'auto',
      filename: prod ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: prod ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    devtool: prod ? false : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // ExcelJS's browser build needs none of these Node modules, nor do the Node-only file readers
      // (loadXlsxFile, loadCsvFile) that share a module with the browser code.
      // The CLI's streaming .xlsx reader (file mode's worker, issue 17) takes its zip from fflate there:
      // its Node zlib/stream paths are never called in the browser.
      fallback: { fs: false, 'fs/promises': false, path: false, os: false, crypto: false, stream: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Types are checked by `npm run typecheck`; here only transpile, as ES modules so that
              // webpack can split the dynamic import() of ExcelJS and the worker into their own chunks.
              transpileOnly: true,
              compilerOptions: { module: 'esnext', sourceMap: !prod },
            },
          },
        },
        // ExcelJS's lib/ modules (file mode's worker: the streaming writer) get a Buffer of their own.
        { test: /[\\/]node_modules[\\/]exceljs[\\/]lib[\\/].*\.js$/, use: path.join(__dirname, 'scripts', 'exceljs-buffer-loader.js') },
      ],
    },
    plugins: [
      // `import('node:fs/promises')` → `fs/promises` (then the empty fallback above).
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, '');
      }),
      // File mode's worker writes the download with ExcelJS's streaming writer from exceljs/lib (issue 17;
      // its browser build has none). That writer creates an archiver, which our own zip replaces
      // (zipWriter.ts): a stub instead of archiver and its Node streams. `events` and `buffer` come from
      // node_modules (the Buffer through scripts/exceljs-buffer-loader.js, above).
      new webpack.NormalModuleReplacementPlugin(/^archiver$/, path.join(__dirname, 'src', 'hosts', 'xlsx', 'archiverStub.js')),
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        title: '专升本推荐助手',
        officeJs,
      }),
      // File mode outside Excel: the same template without office.js.
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'file.html',
        chunks: ['file'],
        scriptLoading: 'defer',
        title: '专升本推荐助手（文件模式）',
        officeJs: null,
      }),
      new CopyWebpackPlugin({ patterns: copies }),
      // The user docs as help pages (build/help/index.html …): the pane's 帮助 link and the manifest's SupportUrl.
      new HelpPagesPlugin(),
    ],
    performance: { hints: false },
    optimization: { splitChunks: false },
    devServer: {
      static: false,
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      client: false,
      hot: false,
      liveReload: false,
    },
  };
};

module.exports.publicUrl = publicUrl;
module.exports.officeJsSource = officeJsSource;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.rewriteManifest = rewriteManifest;
