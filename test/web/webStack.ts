/**
 * What the web pages' end-to-end tests share: the local stack with the add-in and its web pages built (harness/
 * stack.ts), headless Chromium, the API called as a script would (dev tokens), pages opened and signed in as a person
 * does, screenshots into dist/e2e-web/ and axe-core's verdict on what a page shows.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../dev/server';
import { seriousViolations } from '../../harness/axe';
import { launchChromium } from '../../harness/chromium';
import { forget, https, type HttpAnswer, type Target } from '../../harness/https';
import { startStackIn, type StackInOptions } from '../../harness/stack';

export const SHOTS = join(resolve(__dirname, '../..'), 'dist', 'e2e-web');

export interface CallOptions {
  readonly token?: string;
  /** JSON unless a string (sent as it is, with the content-type the headers give). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface WebStack {
  /** The test's temporary folder (the stack's data, certificates and built add-in are under it). */
  readonly dir: string;
  readonly stack: LocalStack;
  call(method: string, path: string, opts?: CallOptions): Promise<HttpAnswer>;
  /** A dev token for `who` ({agency, agencyName?, office?} or {admin: true}). */
  token(who: object): Promise<string>;
  /** A new browser context's page (downloads accepted); the page's script errors go to stderr. */
  newPage(): Promise<Page>;
  /**
   * A new page signed in with the dev sign-in: a clerk (agency and name) on the upload page, a reviewer (agency and
   * office) on the desk. `onCard` runs on the filled sign-in card before its button is pressed.
   */
  signIn(
    page: 'upload' | 'desk',
    who: { agency: string; name?: string; office?: string },
    opts?: { lang?: 'zh' | 'en'; onCard?: (p: Page) => Promise<void> },
  ): Promise<Page>;
}

/**
 * How long starting (with `before`, e.g. LibreOffice) may take: the add-in and web pages are built first, beside other
 * test files' work (CI: 3 jest workers on 2 cores) — the default 30 s of a hook is too short for that.
 */
const START_MS = 300_000;

/**
 * The stack and Chromium for a test file: started in beforeAll (after `before`, which gets the folder: work that
 * should not compete with the stack's build, e.g. LibreOffice), closed and removed in afterAll. `stackOptions` adds
 * to the stack's (e.g. a submission rate).
 */
export function useWebStack(
  prefix: string,
  before?: (dir: string) => Promise<void>,
  stackOptions: Pick<StackInOptions, 'submissionRate'> = {},
): WebStack {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${prefix}-`));
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  let api: Target | undefined;
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the web stack starts in beforeAll');
    return x;
  };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await before?.(dir);
    stack = await startStackIn(dir, { buildAddin: true, handlerLogLevel: 'SILENT', ...stackOptions });
    api = { url: stack.apiBase, ca: stack.certs.ca };
    browser = await launchChromium();
  }, START_MS);
  afterAll(async () => {
    await browser?.close();
    if (api) forget(api);
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  }, START_MS);

  const call = (method: string, path: string, opts: CallOptions = {}): Promise<HttpAnswer> => {
    const body =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return https(started(api), method, path, {
      ...(opts.token ? { token: opts.token } : {}),
      headers: {
        ...(body !== undefined && typeof opts.body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
  };
  const newPage = async (): Promise<Page> => {
    const context = await started(browser).newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[web] ${e.message}\n`));
    return page;
  };
  return {
    dir,
    get stack() {
      return started(stack);
    },
    call,
    token: async (who) => (await call('POST', '/dev/token', { body: who })).json.token as string,
    newPage,
    async signIn(page, who, opts = {}) {
      const en = opts.lang === 'en';
      const p = await newPage();
      await p.goto(`${started(stack).url}/web/${page}.html${en ? '?lang=en' : ''}`);
      await p.getByLabel(en ? 'Agency id' : '机关代码').fill(who.agency);
      if (who.name) await p.getByLabel(en ? 'Agency name' : '机关名称').fill(who.name);
      if (who.office)
        await p.getByLabel(en ? 'Reviewing office (government id)' : '审核机关（政府代码）').fill(who.office);
      await opts.onCard?.(p);
      await p.getByRole('button', { name: en ? 'Sign in' : '登录' }).click();
      return p;
    },
  };
}

/** A screenshot of the whole page into dist/e2e-web/ (look at them). */
export async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(400); // Fluent's enter animations
  await p.screenshot({ path: join(SHOTS, name), fullPage: true });
}

/** axe-core finds nothing serious or critical on the page as it is (and checked something). */
export async function accessible(p: Page, what: string): Promise<void> {
  const { violations, passes } = await seriousViolations(p, what);
  expect(passes).toBeGreaterThan(10);
  expect(violations).toEqual([]);
}

/** The focused element's accessible name as a person hears it: its aria-label, else its text. */
export function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.innerText.trim() ?? '';
  });
}
