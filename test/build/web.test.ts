/**
 * The web pages' build: each page is a shell loading its module script (which exists), the pages share their chunks,
 * the upload page stays within the task pane's budget (250 KB gzip), and no server-side module gets in (the build
 * refuses them); each carries the Content-Security-Policy; the blank template lies beside them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../build/pages';
import { buildWeb } from '../../build/web';
import { WEB_DIR, WEB_FILES } from '../../contract/web';
import { readWorkbook } from '../../report/workbook/read';

jest.setTimeout(120_000);

test('three pages, their scripts, shared chunks, within budget', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-build-'));
  try {
    const origins = { connect: ['https://api.example.gov.cn'] };
    const built = await buildWeb({ addinDir: dir, origins });
    for (const page of [WEB_FILES.upload, WEB_FILES.desk, WEB_FILES.callback]) {
      const html = readFileSync(join(dir, page), 'utf8');
      expect(html).toContain('<html lang="zh-CN">');
      // The add-in's policy (test/build/csp runs a page under it): module scripts from the pages' own origin.
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(origins)}">`);
      const script = /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect(existsSync(join(dir, WEB_DIR, script!))).toBe(true);
    }
    expect(built.files.filter((f) => /\/chunk-.*\.js$/.test(f)).length).toBeGreaterThan(0);
    // The blank template beside the pages: the official format, nothing filled in.
    expect(built.files).toContain(WEB_FILES.template);
    const template = await readWorkbook(readFileSync(join(dir, WEB_FILES.template)));
    expect([template.report.format, template.report.agency, template.report.year]).toEqual(['2021', null, null]);
    expect(built.uploadGzipBytes).toBeLessThan(250 * 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
