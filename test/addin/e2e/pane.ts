/**
 * The task pane's end-to-end tests look at the pane as a person would, on the scripted Excel stand-in
 * (harness/office/): the stand-in driven from the test, waiting until the pane has read the workbook, screenshots
 * that also check the 320 px pane never scrolls sideways nor wraps a button, how many lines a text takes, axe-core.
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from '../../../harness/axe';
import type { FakeExcel } from '../../../harness/office/fakeOffice';

/** The pane's narrowest width in Excel. */
export const PANE_WIDTH = 320;

/** The page's window as the stand-in leaves it (for functions run in the page). */
export interface FakeWindow {
  __fakeExcel: FakeExcel;
}

/** Runs `fn` in the page on window.__fakeExcel with `arg` (both serialised: `fn` may use nothing else). */
export type Fake = <T>(fn: (f: FakeExcel, arg: never) => T, arg?: unknown) => Promise<Awaited<T>>;

export function onFakeExcel<T>(page: Page, fn: (f: FakeExcel, arg: never) => T, arg?: unknown): Promise<Awaited<T>> {
  return page.evaluate(
    ([src, a]) => {
      const f = new Function('f', 'a', `return (${src})(f, a);`) as (f: unknown, a: unknown) => T;
      return f((window as unknown as FakeWindow).__fakeExcel, a);
    },
    [fn.toString(), arg] as const,
  ) as Promise<Awaited<T>>;
}

/** Waits until the pane has stopped reading the workbook (no sync for a while); the syncs so far. */
export async function settledPane(page: Page): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.stats.syncs);
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(900);
  }
}

/**
 * A screenshot to `path` once Fluent's enter and exit animations are over. The pane never scrolls sideways, and no
 * button or tab label wraps onto a second line.
 */
export async function paneShot(p: Page, path: string): Promise<void> {
  await p.waitForTimeout(600);
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);
  const wrapped = await p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button:not([data-rule]), [role="tab"]')]
      .filter((b) => b.offsetParent !== null && b.innerText.trim() !== '' && b.offsetHeight > 44)
      .map((b) => `${b.innerText} (${b.offsetHeight}px)`),
  );
  expect(wrapped).toEqual([]);
  await p.screenshot({ path });
}

/** axe-core on the page as it is now (harness/axe.ts): no serious or critical violation, and it did check the page. */
export async function expectAccessible(p: Page, what: string): Promise<void> {
  const { violations, passes } = await seriousViolations(p, what);
  expect(passes).toBeGreaterThan(10);
  expect(violations).toEqual([]);
}

/** How many line boxes a piece of text takes inside an element (1: it does not wrap). */
export function lineCount(p: Page, selector: string, text: string): Promise<number> {
  return p.locator(selector).evaluate((el, t) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(t);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + t.length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    throw new Error(`text not found: ${t}`);
  }, text);
}
