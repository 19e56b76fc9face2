/**
 * manifest.xml is valid against the Office add-in manifest schemas (offline, xmllint-wasm), and every
 * icon it names exists in assets/ with the declared size.
 */
import { readFileSync, readdirSync, existsSync } from 'fs';
import { join } from 'path';
import { validateXML } from 'xmllint-wasm';
import { ICON_SIZES, iconPng } from '../scripts/make-icons';

const ROOT = join(__dirname, '..');
// CI has shared/ beside the clone: ../shared/schemas/… relative to the repository.
const SCHEMAS = join(ROOT, '..', 'shared', 'schemas', 'office-addin-manifest');
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

async function validate(xml: string) {
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.xsd'));
  return validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [{ fileName: MAIN_SCHEMA, contents: readFileSync(join(SCHEMAS, MAIN_SCHEMA), 'utf8') }],
    preload: files.filter((f) => f !== MAIN_SCHEMA).map((f) => ({ fileName: f, contents: readFileSync(join(SCHEMAS, f), 'utf8') })),
  });
}

test('the schemas are where the README says', () => {
  expect(existsSync(join(SCHEMAS, MAIN_SCHEMA))).toBe(true);
});

test('manifest.xml is valid against OfficeAppManifestV1_1.xsd', async () => {
  const result = await validate(manifest);
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
});

test('the validator rejects a broken manifest (so the test above means something)', async () => {
  const noId = await validate(manifest.replace(/<Id>[^<]*<\/Id>/, ''));
  expect(noId.valid).toBe(false);
  const badPermission = await validate(manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
  expect(badPermission.valid).toBe(false);
  const badGuid = await validate(manifest.replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'));
  expect(badGuid.valid).toBe(false);
});

test('the manifest says what the product needs', () => {
  expect(manifest).toMatch(/<DisplayName DefaultValue="专升本推荐助手"\/>/);
  expect(manifest).toMatch(/<Description DefaultValue="[^"]*[\u4e00-\u9fff][^"]*"\/>/);
  expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
  expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.7"\/>/);
  expect(manifest).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane\.html"\/>/);
  expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
  expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(manifest).toMatch(/<Id>6f3c2a9e-5b1d-4c8e-9a27-3e4d5f6a7b80<\/Id>/); // stable: changing it makes a new add-in
});

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('every icon URL in the manifest exists in assets/ with its declared size', () => {
  const urls = [...manifest.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+)/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThanOrEqual(5);
  for (const url of urls) expect(existsSync(join(ROOT, url))).toBe(true);
  for (const m of manifest.matchAll(/<bt:Image id="Icon\.(\d+)x\d+" DefaultValue="https:\/\/localhost:3000\/([^"]+)"\/>/g)) {
    expect(pngSize(join(ROOT, m[2]!)).width).toBe(Number(m[1]));
  }
  expect(pngSize(join(ROOT, 'assets/icons/icon-32.png'))).toEqual({ width: 32, height: 32 });
  expect(pngSize(join(ROOT, 'assets/icons/icon-64.png'))).toEqual({ width: 64, height: 64 });
});

test('the committed icons are what scripts/make-icons.ts draws', () => {
  for (const size of ICON_SIZES) {
    expect(readFileSync(join(ROOT, 'assets', 'icons', `icon-${size}.png`)).equals(iconPng(size))).toBe(true);
  }
});

test('SupportUrl and the GetStarted LearnMoreUrl point at the help page shipped in the build, rewritten with PUBLIC_URL', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { helpFiles } = require('../scripts/help-pages') as { helpFiles: () => { name: string }[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rewriteManifest } = require('../webpack.config.js') as { rewriteManifest: (c: Buffer, url: string) => Buffer };
  expect(manifest).toContain('<SupportUrl DefaultValue="https://localhost:3000/help/index.html"/>');
  expect(manifest).toContain('<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/help/index.html"/>');
  expect(helpFiles().some((f) => f.name === 'help/index.html')).toBe(true);
  const deployed = rewriteManifest(Buffer.from(manifest), 'https://addin.example.edu/zsb/').toString('utf8');
  expect(deployed).toContain('<SupportUrl DefaultValue="https://addin.example.edu/zsb/help/index.html"/>');
  expect(deployed).toContain('<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://addin.example.edu/zsb/help/index.html"/>');
});
