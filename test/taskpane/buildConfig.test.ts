/* eslint-disable @typescript-eslint/no-require-imports */
const config = require('../../webpack.config.js') as {
  (env: object, argv: object): {
    output: { path: string };
    entry: Record<string, string>;
    devServer: { port: number };
    plugins: { userOptions?: { filename?: string; officeJs?: string | null }; patterns?: { from: string; to: string }[] }[];
  };
  publicUrl(env: { PUBLIC_URL?: string }): string;
  officeJsSource(env: { officeJs?: string }, prod: boolean): string;
  OFFICE_JS_CDN: string;
  rewriteManifest(content: Buffer, url: string): Buffer;
};

describe('webpack config of the pane', () => {
  const manifest = Buffer.from(
    '<IconUrl DefaultValue="https://localhost:3000/assets/icons/icon-32.png"/><AppDomain>https://localhost:3000</AppDomain>' +
      '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
  );

  it('rewrites every URL of the manifest to the public URL, and the AppDomain to its origin', () => {
    const out = config.rewriteManifest(manifest, 'https://addin.example.edu/zsb/').toString('utf8');
    expect(out).toBe(
      '<IconUrl DefaultValue="https://addin.example.edu/zsb/assets/icons/icon-32.png"/><AppDomain>https://addin.example.edu</AppDomain>' +
        '<SourceLocation DefaultValue="https://addin.example.edu/zsb/taskpane.html"/>',
    );
    expect(out).not.toContain('localhost');
  });

  it('defaults PUBLIC_URL to the dev server, adds the trailing slash, and rejects a bad one in Chinese', () => {
    const saved = process.env.PUBLIC_URL;
    delete process.env.PUBLIC_URL;
    try {
      expect(config.publicUrl({})).toBe('https://localhost:3000/');
      expect(config.publicUrl({ PUBLIC_URL: 'https://a.edu/zsb' })).toBe('https://a.edu/zsb/');
      expect(() => config.publicUrl({ PUBLIC_URL: 'not a url' })).toThrow('PUBLIC_URL 不是有效的网址');
    } finally {
      if (saved !== undefined) process.env.PUBLIC_URL = saved;
    }
  });

  it('builds taskpane from src/taskpane into build/ and serves on port 3000', () => {
    const c = config({}, { mode: 'production' });
    expect(c.entry).toEqual({ taskpane: './src/taskpane/index.tsx', file: './src/taskpane/file/index.tsx' });
    expect(c.output.path.endsWith('build')).toBe(true);
    expect(c.devServer.port).toBe(3000);
  });

  it('production loads office.js from Microsoft\'s CDN; OFFICE_JS=local self-hosts it (air-gapped intranets); file.html loads none', () => {
    const saved = process.env.OFFICE_JS;
    delete process.env.OFFICE_JS;
    const pages = (c: ReturnType<typeof config>) =>
      Object.fromEntries(c.plugins.flatMap((p) => (p.userOptions?.filename ? [[p.userOptions.filename, p.userOptions.officeJs]] : [])));
    const copiesOffice = (c: ReturnType<typeof config>) => c.plugins.some((p) => p.patterns?.some((x) => x.to === 'assets/office'));
    try {
      expect(config.OFFICE_JS_CDN).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
      const prod = config({}, { mode: 'production' });
      expect(pages(prod)).toEqual({ 'taskpane.html': config.OFFICE_JS_CDN, 'file.html': null });
      expect(copiesOffice(prod)).toBe(false);
      const intranet = config({ officeJs: 'local' }, { mode: 'production' });
      expect(pages(intranet)).toEqual({ 'taskpane.html': 'assets/office/office.js', 'file.html': null });
      expect(copiesOffice(intranet)).toBe(true);
      process.env.OFFICE_JS = 'local';
      expect(config.officeJsSource({}, true)).toBe('assets/office/office.js');
      expect(config.officeJsSource({}, false)).toBe('assets/office/office.js');
      process.env.OFFICE_JS = 'elsewhere';
      expect(() => config.officeJsSource({}, true)).toThrow('OFFICE_JS 只能是 cdn 或 local');
    } finally {
      if (saved === undefined) delete process.env.OFFICE_JS;
      else process.env.OFFICE_JS = saved;
    }
  });

  it('the page template: office.js and the CDN in the CSP only where used; file.html has no office.js', () => {
    const template = require('lodash/template') as (s: string) => (d: object) => string;
    const src = require('fs').readFileSync(require('path').join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8') as string;
    const render = (officeJs: string | null) => template(src)({ htmlWebpackPlugin: { options: { officeJs, title: 't' } } });
    const csp = (html: string) => /Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const cdn = render(config.OFFICE_JS_CDN);
    expect(cdn).toContain(`<script src="${config.OFFICE_JS_CDN}"></script>`);
    expect(csp(cdn)).toContain("script-src 'self' 'unsafe-eval' blob: https://appsforoffice.microsoft.com;");
    expect(csp(cdn)).toContain("connect-src 'self' blob: data:;"); // no student data can be sent anywhere
    const local = render('assets/office/office.js');
    expect(local).toContain('<script src="assets/office/office.js"></script>');
    expect(csp(local)).not.toContain('https:');
    const file = render(null);
    expect(file).not.toContain('office.js"');
    expect(csp(file)).not.toContain('https:');
  });
});
