/**
 * The published pages in headless Chromium: nothing runs (no script element, no injected payload, no dialog, no
 * CSP violation, no request but the page itself), the stylesheet applies (its CSP hash is right), the tables are
 * visible, Chinese text renders in a CJK font, a phone scrolls the tables and not the page, and in print the tables
 * fit the A4 width, pages are not left half empty and table heads repeat. Screenshots and PDFs go to
 * $RENDER_SHOTS_DIR (default: test-artifacts/published) for a person to look at; the test prints where.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../harness/chromium';
import { reportTitle } from '../../../report/format';
import { renderIndexHtml, renderReportHtml } from '../../../report/render';
import type { Report } from '../../../report/model/types';
import { loadReport } from '../../../report/input';
import { consistentReport2019, consistentReport2021, hostileReport, PAYLOADS } from './fixtures';
import { artifactsDir } from '../../../harness/artifacts';

const SHOTS = process.env.RENDER_SHOTS_DIR ?? artifactsDir('published');
const PUBLISHED = {
  version: 2,
  publishedAt: '2022-01-20T02:05:00Z',
  openDataUrl: 'https://example.gov.cn/open/2021/yy-hrss.json',
};
/** The A4 text width (210 mm − 2 × 14 mm margins) in CSS pixels. */
const A4_TEXT_WIDTH = Math.floor((182 / 25.4) * 96);

jest.setTimeout(90_000);

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

interface Observed {
  page: Page;
  dialogs: string[];
  requests: string[];
  errors: string[];
  url: string;
}

/** Opens a page from a file, as a browser opens a published page, recording anything that runs or loads. */
async function open(html: string, name: string, viewport = { width: 1280, height: 900 }): Promise<Observed> {
  const file = join(SHOTS, `${name}.html`);
  writeFileSync(file, html, 'utf8');
  const page = await browser.newPage({ viewport });
  const seen: Observed = { page, dialogs: [], requests: [], errors: [], url: pathToFileURL(file).href };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  // Injected by the test (DevTools protocol, not part of the page): logs CSP violations.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(seen.url, { waitUntil: 'load' });
  await page.waitForTimeout(150);
  return seen;
}

async function expectNothingRan(seen: Observed) {
  const { page } = seen;
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.requests).toEqual([seen.url]);
}

/** The fonts Chromium actually drew an element's text with (DevTools CSS.getPlatformFontsForNode). */
async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

async function expectOfficialLook(page: Page) {
  for (const id of ['#table-2', '#table-3', '#table-4']) {
    await expect(page.locator(id).isVisible()).resolves.toBe(true);
    const box = (await page.locator(id).boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(60);
  }
  // The stylesheet applied, so its CSP hash is right.
  expect(await page.$eval('#table-3', (t) => getComputedStyle(t).borderCollapse)).toBe('collapse');
  expect(await page.$eval('#table-3 td', (t) => getComputedStyle(t).borderTopStyle)).toBe('solid');
  const h1 = await platformFonts(page, 'h1');
  expect(h1.map((f) => f.familyName)).toContain('Noto Serif CJK SC');
  const label = await platformFonts(page, '#table-3 th.l2');
  expect(label.map((f) => f.familyName)).toContain('Noto Sans CJK SC');
  expect(label.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(3);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('the report page in Chromium', () => {
  it.each<[string, () => Report]>([
    ['report-2021', consistentReport2021],
    ['report-2019', consistentReport2019],
  ])('%s: nothing runs, the tables show, CJK renders', async (name, make) => {
    const seen = await open(renderReportHtml(make(), PUBLISHED), name);
    await expectNothingRan(seen);
    await expectOfficialLook(seen.page);
    await shoot(seen.page, name);
    await seen.page.close();
  });

  it('hostile text stays text: no payload ran, and it is shown as written', async () => {
    const r = hostileReport();
    const seen = await open(
      renderReportHtml(r, { ...PUBLISHED, openDataUrl: 'javascript:window.__pwned=9' }),
      'report-hostile',
    );
    await expectNothingRan(seen);
    await expectOfficialLook(seen.page);
    expect(await seen.page.locator('h1').innerText()).toBe(reportTitle(r.agency!, 2021));
    expect(await seen.page.locator('td[data-cell="t3.new.legal"]').innerText()).toBe(PAYLOADS[0]);
    // Clicking every link must not run anything either.
    for (const a of await seen.page.locator('a').all()) await a.click({ modifiers: ['Alt'] }).catch(() => undefined);
    expect(await seen.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await shoot(seen.page, 'report-hostile');
    await seen.page.close();
  });

  it('on a phone the wide tables scroll sideways inside their box; the page itself does not', async () => {
    const seen = await open(renderReportHtml(consistentReport2021(), PUBLISHED), 'report-phone', {
      width: 390,
      height: 844,
    });
    const { page } = seen;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wrap = page.locator('section[aria-labelledby="sec-applications"] .table-wrap');
    const [scrollW, clientW] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollW).toBeGreaterThan(clientW);
    expect(await wrap.getAttribute('tabindex')).toBe('0');
    await shoot(page, 'report-phone');
    await page.close();
  });

  it('in print the tables fit the A4 width; the PDF has A4 pages', async () => {
    const seen = await open(renderReportHtml(consistentReport2021(), PUBLISHED), 'report-print', {
      width: A4_TEXT_WIDTH,
      height: 1000,
    });
    const { page } = seen;
    await page.emulateMedia({ media: 'print' });
    for (const id of ['#table-2', '#table-3', '#table-4']) {
      const [tableW, wrapW] = await page.$eval(id, (t) => [
        t.getBoundingClientRect().width,
        t.parentElement!.clientWidth,
      ]);
      expect(tableW).toBeLessThanOrEqual(wrapW + 0.5);
    }
    expect(
      await page.$eval('td[data-cell="t3.new.natural"]', (td) => getComputedStyle(td.parentElement!).breakInside),
    ).toBe('avoid');
    await shoot(page, 'report-print');
    const pages = await printed(page, 'report-print');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('a real report (long prose) prints without half-empty pages, table heads repeated, 二 and 四 whole', async () => {
    const text = readFileSync(join(__dirname, '../../fixtures/central/yiyang-hrss-2021-consistent.txt'));
    const { report } = await loadReport(text, 'text', { year: 2021, agency: '益阳市人力资源和社会保障局' });
    const seen = await open(renderReportHtml(report, PUBLISHED), 'report-real-print');
    const pages = await printed(seen.page, 'report-real-print');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Every page but the last is filled at least to two thirds of its height.
    for (const p of pages.slice(0, -1)) expect(p.filled).toBeGreaterThan(0.67);
    // Table 三 runs over a page break; each page it is on starts with its head.
    // (Short labels of table 三's rows, which do not wrap in their cells and so come out whole.)
    const t3Pages = pages.filter((p) => ['（一）予以公开', '2.重复申请', '（七）总计'].some((l) => p.text.includes(l)));
    expect(t3Pages.length).toBeGreaterThanOrEqual(2);
    for (const p of t3Pages) expect(p.text).toContain('申请人情况');
    // Tables 二 and 四 are each on one page, with their heading.
    for (const [heading, first, last] of [
      ['二、主动公开政府信息情况', '第二十条第（一）项', '行政事业性收费'],
      ['四、政府信息公开行政复议、行政诉讼情况', '行政复议', '复议后起诉'],
    ] as const) {
      const on = pages.filter((p) => p.text.includes(heading));
      expect(on).toHaveLength(1);
      expect(on[0]!.text).toContain(first);
      expect(on[0]!.text).toContain(last);
    }
    await seen.page.close();
  });
});

/**
 * Prints the page to PDF as a reader would (A4, the page's own @page), keeps the PDF and one PNG per page in SHOTS
 * (and says where), and returns each page's text and how far down its content reaches (0–1 of the page).
 */
async function printed(page: Page, name: string): Promise<{ text: string; filled: number }[]> {
  const pdfPath = join(SHOTS, `${name}.pdf`);
  writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  // A4 at 60 dpi is 496 × 702 px.
  for (const f of readdirSync(SHOTS).filter((f) => f.startsWith(`${name}-page`))) rmSync(join(SHOTS, f));
  execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, join(SHOTS, `${name}-page`)]);
  execFileSync('pdftoppm', ['-r', '30', '-gray', pdfPath, join(SHOTS, `${name}-gray`)]);
  process.stderr.write(`printed: ${pdfPath} (pages as ${join(SHOTS, `${name}-page-N.png`)})\n`);
  const grays = readdirSync(SHOTS)
    .filter((f) => f.startsWith(`${name}-gray`) && f.endsWith('.pgm'))
    .sort();
  return grays.map((f, i) => {
    const filled = lowestInk(readFileSync(join(SHOTS, f)));
    rmSync(join(SHOTS, f));
    const text = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdfPath, '-'], {
      encoding: 'utf8',
    });
    return { text: text.replace(/\s+/g, ''), filled };
  });
}

/** How far down a page (binary PGM) anything is printed, as a fraction of its height (the margins included). */
function lowestInk(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  for (let y = h - 1; y >= 0; y--) {
    for (let x = 0; x < w; x++) if (data[y * w + x]! < 200) return (y + 1) / h;
  }
  return 0;
}

describe('the index page in Chromium', () => {
  it('nothing runs, the list shows with links', async () => {
    const html = renderIndexHtml(
      2021,
      [
        {
          agencyId: 'yy-hrss',
          agency: '益阳市人力资源和社会保障局',
          year: 2021,
          version: 2,
          publishedAt: '2022-01-20T02:05:00Z',
          url: 'yy-hrss.html',
        },
        {
          agencyId: 'x',
          agency: PAYLOADS[1],
          year: 2021,
          version: 1,
          publishedAt: '2022-01-28T01:00:00Z',
          url: 'javascript:window.__pwned=1',
        },
      ],
      { jsonUrl: 'index.json', csvUrl: 'index.csv' },
    );
    const seen = await open(html, 'index-2021');
    await expectNothingRan(seen);
    await expect(seen.page.locator('table.index').isVisible()).resolves.toBe(true);
    expect(await seen.page.locator('tbody tr').count()).toBe(2);
    expect(await seen.page.locator('tbody a').count()).toBe(1);
    await shoot(seen.page, 'index-2021');
    await seen.page.close();
  });
});
