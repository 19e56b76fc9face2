/* eslint-disable @typescript-eslint/no-require-imports */
const config = require('../../webpack.config.js') as {
  (env: object, argv: object): { output: { path: string }; entry: Record<string, string>; devServer: { port: number } };
  publicUrl(env: { PUBLIC_URL?: string }): string;
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
    expect(c.entry).toEqual({ taskpane: './src/taskpane/index.tsx' });
    expect(c.output.path.endsWith('build')).toBe(true);
    expect(c.devServer.port).toBe(3000);
  });
});
