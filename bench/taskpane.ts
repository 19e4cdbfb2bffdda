/**
 * The task pane: its size (the add-in built as `npm start` builds it: JS + CSS, gzip), its first render in headless
 * Chromium loaded over HTTPS from the local stack (a fresh browser context each time, so nothing is cached), with
 * the scripted Office stand-in of the add-in's end-to-end tests in place of office.js, and the context.sync() calls
 * that the stand-in counts for one cell edit once the template is in the workbook.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildAddin } from '../addin/build';
import { OFFICE_JS_URL } from '../addin/build/pages';
import { FORMAT_2021 } from '../report/format';
import { workbookLayout } from '../report/workbook/layout';
import { ROOT } from './fixtures';
import type { BenchStack } from './stack';
import { summarize, type Summary } from './stats';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const E2E = join(ROOT, 'test', 'addin', 'e2e');

export interface TaskpaneResults {
  readonly gzipKb: number;
  readonly rawKb: number;
  /** Navigation start → the pane's first React render (the loading shell replaced). */
  readonly firstRenderMs: Summary;
  /** Navigation start → the pane has read the workbook once and shows its state (no template yet). */
  readonly readyMs: Summary;
  readonly syncsPerEdit: number;
  readonly edits: number;
}

interface FakeStats {
  readonly syncs: number;
}

/** Records, in page time, when #root first holds the app instead of the shell, and when the pane is ready. */
const OBSERVE = `
(() => {
  const marks = (window.__marks = {});
  new MutationObserver(() => {
    const root = document.getElementById('root');
    if (!root) return;
    if (marks.firstRender === undefined && root.firstElementChild && !root.querySelector('p.shell')) marks.firstRender = performance.now();
    if (marks.ready === undefined && root.textContent && root.textContent.includes('尚未插入年报模板')) marks.ready = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();
`;

async function newContext(browser: import('playwright-core').Browser, fakeJs: string): Promise<BrowserContext> {
  // The e2e bridge turns real .xlsx bytes into the stand-in's sheets (exceljs in Node).
  const { buildXlsx, parseXlsx } = (await import(join(E2E, 'bridge'))) as typeof import('../test/addin/e2e/bridge');
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 380, height: 860 }, locale: 'zh-CN' });
  await context.route(OFFICE_JS_URL, (r) => r.fulfill({ contentType: 'text/javascript', body: fakeJs }));
  await context.route('https://fake-office.test/**', async (r) => {
    const body = r.request().postData() ?? '';
    if (r.request().url().endsWith('/parse-xlsx')) return r.fulfill({ contentType: 'application/json', body: JSON.stringify({ sheets: await parseXlsx(body) }) });
    return r.fulfill({ contentType: 'application/octet-stream', body: await buildXlsx(JSON.parse(body)) });
  });
  await context.addInitScript(OBSERVE);
  return context;
}

const syncs = (page: Page) => page.evaluate(() => (window as unknown as { __fakeExcel: { stats: FakeStats } }).__fakeExcel.stats.syncs);

/** Waits until the pane has made no sync for a while (its quiet period is 400 ms); returns the count. */
async function settled(page: Page): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await syncs(page);
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(900);
  }
}

export async function benchTaskpane(stack: BenchStack, addinDir: string, quick: boolean): Promise<TaskpaneResults> {
  const built = await buildAddin({ outDir: addinDir, baseUrl: stack.info.url });
  const fakeJs = buildSync({ entryPoints: [join(E2E, 'fakeOffice.ts')], bundle: true, write: false, format: 'iife', target: 'es2020' }).outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const first: number[] = [];
    const ready: number[] = [];
    const loads = quick ? 4 : 15;
    let page: Page | undefined;
    for (let i = 0; i <= loads; i++) {
      const context = await newContext(browser, fakeJs);
      page = await context.newPage();
      await page.goto(`${stack.info.url}/taskpane.html`);
      await page.getByText('尚未插入年报模板').waitFor();
      const marks = await page.evaluate(() => (window as unknown as { __marks: { firstRender?: number; ready?: number } }).__marks);
      if (marks.firstRender === undefined || marks.ready === undefined) throw new Error('the pane did not render');
      // The first load warms the server's file cache and Chromium itself; it is not counted.
      if (i > 0) {
        first.push(marks.firstRender);
        ready.push(marks.ready);
      }
      if (i < loads) await context.close();
    }

    // One edit, then another: each costs the pane one read of the workbook (one context.sync()).
    await page!.getByRole('button', { name: '插入年报模板' }).click();
    await page!.getByRole('tab', { name: /校验/ }).waitFor();
    const layout = workbookLayout(FORMAT_2021);
    const cells = ['t3.granted.natural', 't3.new.business', 't2.fees.amount', 't4.review.upheld', 't3.partial.legal', 't2.rules.issued'].map((id) => layout.byId.get(id)!);
    const edits = quick ? 3 : cells.length;
    const before = await settled(page!);
    for (let i = 0; i < edits; i++) {
      const slot = cells[i]!;
      await page!.evaluate(
        (a) => (window as unknown as { __fakeExcel: { type(s: string, c: string, v: unknown): Promise<void> } }).__fakeExcel.type(a.sheet, a.address, a.value),
        { sheet: slot.sheet, address: slot.address, value: 7 + i },
      );
      await settled(page!);
    }
    const after = await syncs(page!);
    return {
      gzipKb: built.taskpaneBytes.gzip / 1024,
      rawKb: built.taskpaneBytes.raw / 1024,
      firstRenderMs: summarize(first),
      readyMs: summarize(ready),
      syncsPerEdit: (after - before) / edits,
      edits,
    };
  } finally {
    await browser.close();
  }
}
