/**
 * The local stack as `npm start` runs it (HTTPS, the adapter, dynalite on disk), driven by the CLI's dev-token and
 * submit: the example is refused, a consistent report accepted and published; prose carrying script is inert on
 * the published page in headless Chromium; after a restart everything is still there.
 */
import { publishedPaths } from '../../contract/published';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../harness/chromium';
import { run as devToken } from '../../cli/commands/devToken';
import { run as submit } from '../../cli/commands/submit';
import { startLocalStack, type LocalStack } from '../../dev/server';
import { publishedDir } from '../../dev/publishing';
import { rebuildLocal } from '../../dev/rebuild';
import { run as rebuildPublished } from '../../cli/commands/rebuildPublished';
import { consistentReport } from '../functions/helpers';

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, '..', 'fixtures');
const EXAMPLE = join(FIXTURES, 'examples', 'yiyang-hrss-2021.txt');
const CONSISTENT = join(FIXTURES, 'central', 'yiyang-hrss-2021-consistent.txt');

const dir = mkdtempSync(join(tmpdir(), 'nianbao-stack-'));
const dataDir = join(dir, 'data');
const certDir = join(dir, 'certs');
let stack: LocalStack;

const start = () =>
  startLocalStack({
    port: 0,
    dataDir,
    certDir,
    addinDir: join(dir, 'addin'),
    tableName: 'stack-test',
    handlerLogLevel: 'SILENT',
  });

/** Runs a CLI command, returning its exit code and what it printed on stdout. */
async function cli(
  run: (argv: string[]) => Promise<number>,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    request(url, { ca: stack.certs.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  process.env.CERT_DIR = certDir;
  stack = await start();
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

let token = '';

test('dev-token prints a token as its last line; the dev sign-in route issues one too', async () => {
  const r = await cli(devToken, ['--agency', 'yiyang-hrss', '--name', '益阳市人力资源和社会保障局']);
  expect(r.code).toBe(0);
  token = r.out.trim().split('\n').pop()!;
  expect(token.split('.')).toHaveLength(3);
  expect((await cli(devToken, ['--agency', 'Not A Slug'])).code).toBe(2);

  const { request } = await import('node:https');
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(
      `${stack.apiBase}/dev/token`,
      { method: 'POST', ca: stack.certs.ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(t));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ agency: 'other-agency', agencyName: '另一局' }));
  });
  expect(JSON.parse(body).token.split('.')).toHaveLength(3);
});

test('submit: the example is refused with SHAPE-ROW (exit 1); the consistent report is accepted and published (exit 0)', async () => {
  const refused = await cli(submit, [EXAMPLE, '--year', '2021', '--token', token, '--api', stack.apiBase, '--json']);
  expect(refused.code).toBe(1);
  const answer = JSON.parse(refused.out);
  expect(answer.code).toBe('E-REPORT-ERRORS');
  expect(answer.findings.map((f: { rule: string }) => f.rule)).toContain('SHAPE-ROW');

  const accepted = await cli(submit, [CONSISTENT, '--year', '2021', '--token', token, '--api', stack.apiBase]);
  expect(accepted.code).toBe(0);
  expect(accepted.out).toContain('第 1 版');
  const page = await get(`${stack.url}${publishedPaths.report('yiyang-hrss', 2021)}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('益阳市人力资源和社会保障局2021年政府信息公开工作年度报告');
  expect(page.text).toContain('本年度未发出信息处理费收费通知');

  const noToken = await cli(submit, [CONSISTENT, '--year', '2021', '--token', 'bad', '--api', stack.apiBase]);
  expect(noToken.code).toBe(2);
  expect(noToken.err).toContain('401');
});

test('submit: warnings must be confirmed; the same --idempotency-key again stores nothing new', async () => {
  const own = (await cli(devToken, ['--agency', 'warned-agency'])).out.trim();
  const file = join(dir, 'warned.json');
  const report = consistentReport(2022, '警告局');
  report.values['t2.fees.amount'] = 8.97723;
  require('node:fs').writeFileSync(file, JSON.stringify(report));
  const refused = await cli(submit, [file, '--token', own, '--api', stack.apiBase]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('E-CONFIRM-WARNINGS');
  expect(refused.err).toContain('--confirm-warnings');
  const args = [
    file,
    '--token',
    own,
    '--api',
    stack.apiBase,
    '--confirm-warnings',
    'TYPE-FEE',
    '--idempotency-key',
    'cli-key-1',
    '--json',
  ];
  const first = await cli(submit, args);
  expect(first.code).toBe(0);
  const again = await cli(submit, args);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out).version).toBe(JSON.parse(first.out).version);
});

test('script in the prose is inert on the published page (headless Chromium)', async () => {
  const hostile = consistentReport(2023, '注入测试局</title><script>window.__pwned="title"</script>');
  hostile.sections.problems =
    '问题<script>window.__pwned="script"</script><img src=x onerror="window.__pwned=\'img\'">' +
    '<svg onload="window.__pwned=\'svg\'"></svg><a href="javascript:window.__pwned=\'link\'">链接</a><iframe src="javascript:parent.__pwned=1"></iframe>';
  const file = join(dir, 'hostile.json');
  require('node:fs').writeFileSync(file, JSON.stringify(hostile));
  const r = await cli(submit, [file, '--token', token, '--api', stack.apiBase, '--confirm-warnings', 'all', '--json']);
  expect(r.code).toBe(0);

  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto(`${stack.url}${publishedPaths.report('yiyang-hrss', 2023)}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('main img, main svg, main iframe, a[href^="javascript:"]').length,
      text: document.body.innerText,
    }));
    expect(seen.pwned).toBeUndefined();
    expect(seen.scripts).toBe(0);
    expect(seen.injected).toBe(0);
    expect(dialogs).toEqual([]);
    // The words are shown as the text they are.
    expect(seen.text).toContain('<script>window.__pwned="script"</script>');
    expect(seen.text).toContain('onerror=');
  } finally {
    await browser?.close();
  }
});

test('stop and start again: everything is still there', async () => {
  await stack.close();
  stack = await start();
  const page = await get(`${stack.url}${publishedPaths.report('yiyang-hrss', 2021)}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('益阳市人力资源和社会保障局2021年政府信息公开工作年度报告');
  // The dev key survived too: the token from before still works; and the same file sent again is still the version
  // stored before the restart (its key is remembered), not a second one.
  const list = await cli(submit, [CONSISTENT, '--year', '2021', '--token', token, '--api', stack.apiBase, '--json']);
  expect(list.code).toBe(0);
  expect(JSON.parse(list.out).version).toBe(1);
  expect(readFileSync(join(certDir, 'ca.crt'), 'utf8')).toContain('BEGIN CERTIFICATE');
});

test('rebuild-published: with the stack stopped, the published files come back from the table', async () => {
  expect((await cli(rebuildPublished, ['--year', '20x1'])).code).toBe(2);
  await stack.close();
  rmSync(publishedDir(dataDir), { recursive: true, force: true });
  const [result] = await rebuildLocal({
    dataDir,
    siteUrl: 'https://localhost:3000',
    year: 2021,
    tableName: 'stack-test',
  });
  expect(result).toMatchObject({ year: 2021, reports: 1, published: 1 });
  stack = await start();
  const page = await get(`${stack.url}${publishedPaths.report('yiyang-hrss', 2021)}`);
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/第 \d+ 版/);
  expect((await get(`${stack.url}${publishedPaths.index(2021)}`)).text).toContain(
    publishedPaths.report('yiyang-hrss', 2021),
  );
});
