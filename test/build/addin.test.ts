/**
 * The built add-in and its manifest: the manifest passes the Office schema (offline, xmllint against the copy in
 * test/fixtures/office), every URL it names is a built file and every resource id resolves; the bundle stays within
 * its budget and without the heavy modules; the assets are what they claim to be.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'htmlparser2';
import ExcelJS from 'exceljs';
import { buildAddin, FORBIDDEN_IN_PANE, type BuildAddinResult } from '../../build/addin';
import { OFFICE_JS_URL } from '../../build/pages';
import { ADDIN_FILES, ICON_SIZES, LOCAL_BASE_URL, parseConfig } from '../../contract/addin';
import { localManifestXml, manifestXml } from '../../build/manifest';
import { formatForYear } from '../../report/format';
import { workbookLayout } from '../../report/workbook/layout';
import { writeManifest } from '../../build/write-manifest';

const ROOT = resolve(__dirname, '../..');
const SCHEMA = join(ROOT, 'test/fixtures/office/manifest.xsd');
const SHARED_SCHEMA_DIR = resolve(ROOT, '../shared/office');

let dir: string;
let built: BuildAddinResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-addin-'));
  built = await buildAddin({ outDir: join(dir, 'addin'), baseUrl: LOCAL_BASE_URL });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(file: string): string {
  return execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface XmlNode {
  name?: string;
  attribs?: Record<string, string>;
  children?: XmlNode[];
  data?: string;
}

function elements(node: XmlNode, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children ?? []) {
    if (c.name) out.push(c);
    elements(c, out);
  }
  return out;
}

describe('manifest.xml', () => {
  it('is the local manifest as generated (edit build/manifest.ts, then npm run manifest)', () => {
    expect(readFileSync(join(ROOT, 'manifest.xml'), 'utf8')).toBe(localManifestXml());
  });

  it('passes the Office add-in manifest schema offline', () => {
    expect(() => xmllint(join(ROOT, 'manifest.xml'))).not.toThrow();
  });

  it('uses schema files identical to the shared ones, when those are at hand', () => {
    if (!existsSync(SHARED_SCHEMA_DIR)) return; // a CI clone has only the copy
    for (const f of ['manifest.xsd', 'officeapp-manifest-1.1.xsd', 'versionoverrides-lax.xsd']) {
      expect(readFileSync(join(ROOT, 'test/fixtures/office', f), 'utf8')).toBe(
        readFileSync(join(SHARED_SCHEMA_DIR, f), 'utf8'),
      );
    }
  });

  it('rejects what the schema forbids (the check can fail)', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, localManifestXml().replace(/<Id>[^<]+<\/Id>/, '<Id>not-a-guid</Id>'));
    expect(() => xmllint(bad)).toThrow();
  });

  it('for a deployed stage: its URLs, the sign-in domain, id and version, and still valid', () => {
    const out = join(dir, 'stage.xml');
    const xml = writeManifest({
      baseUrl: 'https://addin.nianbao.example.cn',
      appDomains: ['https://nianbao-prod.auth.cn-northwest-1.amazoncognito.com'],
      id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      version: '1.2.3.4',
      out,
    });
    expect(() => xmllint(out)).not.toThrow();
    expect(xml).toContain('<AppDomain>https://nianbao-prod.auth.cn-northwest-1.amazoncognito.com</AppDomain>');
    expect(xml).toContain('<Version>1.2.3.4</Version>');
    expect(xml).not.toContain('localhost');
    expect(() => writeManifest({ baseUrl: 'https://x.example', id: 'nope', out })).toThrow(/GUID/);
    expect(() => manifestXml({ baseUrl: 'http://insecure.example' })).toThrow(/HTTPS/);
  });

  it('names only built files and defined resources, with Chinese text and English overrides', () => {
    const doc = parseDocument(localManifestXml(), { xmlMode: true }) as unknown as XmlNode;
    const all = elements(doc);
    const ids = new Set(
      all.filter((e) => e.attribs?.id && /^bt:(Image|Url|String)$/.test(e.name!)).map((e) => e.attribs!.id!),
    );
    const resids = all.filter((e) => e.attribs?.resid).map((e) => e.attribs!.resid!);
    expect(resids.length).toBeGreaterThan(10);
    for (const r of resids) expect(ids).toContain(r);
    for (const id of ids) expect(resids).toContain(id); // nothing defined in vain
    const urls = [
      ...all.flatMap((e) => Object.values(e.attribs ?? {}).filter((v) => /^https?:\/\//.test(v))),
      ...all.filter((e) => e.name === 'AppDomain').map((e) => e.children?.[0]?.data ?? ''),
    ].filter((u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'));
    for (const u of urls) {
      expect(u.startsWith(`${LOCAL_BASE_URL}`)).toBe(true);
      const path = u.slice(LOCAL_BASE_URL.length).replace(/^\//, '');
      if (path) expect(existsSync(join(built.outDir, path))).toBe(true);
    }
    expect(all.find((e) => e.name === 'Set')?.attribs).toEqual({ Name: 'ExcelApi', MinVersion: '1.13' });
    const group = all.find((e) => e.name === 'bt:String' && e.attribs?.id === 'Group.Label')!;
    expect(group.attribs!.DefaultValue).toBe('年报');
    expect(elements(group).find((e) => e.name === 'bt:Override')?.attribs).toMatchObject({ Locale: 'en-US' });
    expect(all.find((e) => e.name === 'OfficeTab')?.attribs?.id).toBe('TabHome');
    expect(all.find((e) => e.name === 'Action')?.attribs?.['xsi:type']).toBe('ShowTaskpane');
  });
});

describe('npm run build', () => {
  it('keeps the task pane within 250 KB gzip and without the heavy modules', () => {
    expect(built.taskpaneBytes.gzip).toBeLessThan(250 * 1024);
    expect(built.taskpaneBytes.gzip).toBeGreaterThan(20 * 1024); // it did measure the real bundle
    for (const path of [
      'node_modules/exceljs/dist/es5/index.js',
      'node_modules/zod/v4/index.js',
      'report/workbook/template.ts',
      'functions/store/table.ts',
      'report/render/page.ts',
    ]) {
      expect(FORBIDDEN_IN_PANE.some((re) => re.test(path))).toBe(true);
    }
    expect(FORBIDDEN_IN_PANE.some((re) => re.test('contract/headers.ts'))).toBe(false);
    const js = readFileSync(join(built.outDir, built.taskpaneScript), 'utf8');
    expect(js).not.toMatch(/exceljs|JSZip/);
  });

  it('writes the pages, each loading Office.js from Microsoft’s CDN and an existing script', () => {
    for (const page of [ADDIN_FILES.taskpane, ADDIN_FILES.commands, ADDIN_FILES.signInCallback]) {
      const html = readFileSync(join(built.outDir, page), 'utf8');
      expect(html).toContain(`<script src="${OFFICE_JS_URL}"></script>`);
      const own = [...html.matchAll(/<script src="([^"]+\.js)"><\/script>/g)]
        .map((m) => m[1]!)
        .filter((s) => !s.startsWith('https:'));
      expect(own).toHaveLength(1);
      expect(existsSync(join(built.outDir, own[0]!))).toBe(true);
    }
    // The sign-in start page runs before Office is involved and must not need it.
    expect(readFileSync(join(built.outDir, ADDIN_FILES.signIn), 'utf8')).not.toContain(OFFICE_JS_URL);
  });

  it('writes config.json for the local stack', () => {
    const config = parseConfig(JSON.parse(readFileSync(join(built.outDir, ADDIN_FILES.config), 'utf8')));
    expect(config).toEqual({
      apiBase: `${LOCAL_BASE_URL}/api`,
      signIn: { mode: 'dev' },
      importer: expect.stringMatching(/^importer-[A-Z0-9]+\.js$/),
    });
    // The importer (last year's report from a file) is its own script beside the pane, not in the pane's bundle.
    expect(built.files).toContain(config.importer);
    expect(readFileSync(join(built.outDir, config.importer!), 'utf8')).toContain('nianbaoImporter');
  });

  it('ships the official template as a base64 asset with every sheet of the layout', async () => {
    const b64 = readFileSync(join(built.outDir, ADDIN_FILES.template), 'utf8').trim();
    expect(b64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
    const layout = workbookLayout(formatForYear(new Date().getFullYear() - 1));
    expect(wb.worksheets.map((w) => w.name)).toEqual(layout.sheets.map((s) => s.name));
  });

  it('draws the icons as PNGs of their nominal sizes', () => {
    for (const size of ICON_SIZES) {
      const png = readFileSync(join(built.outDir, ADDIN_FILES.icon(size)));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it('refuses to empty a folder that holds the project', async () => {
    await expect(buildAddin({ outDir: ROOT, baseUrl: LOCAL_BASE_URL })).rejects.toThrow(/refusing/);
    await expect(buildAddin({ outDir: resolve(ROOT, '..'), baseUrl: LOCAL_BASE_URL })).rejects.toThrow(/refusing/);
  });
});
