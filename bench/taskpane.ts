/**
 * The task pane: its size (the add-in built as `npm start` builds it: JS + CSS, gzip), its first render in headless
 * Chromium loaded over HTTPS from the local stack (a fresh browser context each time, so nothing is cached), with
 * the scripted Office stand-in of the add-in's end-to-end tests in place of office.js, and the context.sync() calls
 * that the stand-in counts for one cell edit once the template is in the workbook.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAddin } from '../build/addin';
import { FORMAT_2021 } from '../report/format';
import { workbookLayout } from '../report/workbook/layout';
import { fakeOfficeContext } from '../harness/office/context';
import { launchChromium } from '../harness/chromium';
import type { BenchStack } from './stack';
import { summarize, type Summary } from './stats';

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

/** A fresh context on the scripted Excel stand-in of the end-to-end tests, observing the pane's marks. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await fakeOfficeContext(browser);
  await context.addInitScript(OBSERVE);
  return context;
}

const syncs = (page: Page) =>
  page.evaluate(() => (window as unknown as { __fakeExcel: { stats: FakeStats } }).__fakeExcel.stats.syncs);

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
  const browser = await launchChromium();
  try {
    const first: number[] = [];
    const ready: number[] = [];
    const loads = quick ? 4 : 15;
    let page: Page | undefined;
    for (let i = 0; i <= loads; i++) {
      const context = await newContext(browser);
      page = await context.newPage();
      await page.goto(`${stack.info.url}/taskpane.html`);
      await page.getByText('尚未插入年报模板').waitFor();
      const marks = await page.evaluate(
        () => (window as unknown as { __marks: { firstRender?: number; ready?: number } }).__marks,
      );
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
    const cells = [
      't3.granted.natural',
      't3.new.business',
      't2.fees.amount',
      't4.review.upheld',
      't3.partial.legal',
      't2.rules.issued',
    ].map((id) => layout.byId.get(id)!);
    const edits = quick ? 3 : cells.length;
    const before = await settled(page!);
    for (let i = 0; i < edits; i++) {
      const slot = cells[i]!;
      await page!.evaluate(
        (a) =>
          (
            window as unknown as { __fakeExcel: { type(s: string, c: string, v: unknown): Promise<void> } }
          ).__fakeExcel.type(a.sheet, a.address, a.value),
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
