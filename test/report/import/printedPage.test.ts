/**
 * A published page printed to PDF and exported as the PDF advice tells a clerk (`pdftotext -layout`), or as
 * `pdftotext -raw` prints it, reads back figure for figure. The print of a page with merged cells puts pieces of the
 * side labels (`三、本`, `（六）其他`) on the rows' lines, wraps long labels over three lines, and (-raw) sets the
 * figures a single space apart: each of these once cost 7–29 cells of every example.
 */
import { execFileSync } from 'child_process';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../harness/chromium';
import { FORMATS } from '../../../report/format';
import { importText } from '../../../report/import';
import { renderReportHtml } from '../../../report/render';
import { readExample } from './truth';

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

// Both formats, a table 二 without its 规章 row, a 2019-style （六） row left blank, and a government's report (a print
// takes ~2.5 s, mostly Chromium embedding the CJK font: six, not all thirteen).
const EXAMPLES = [
  ['real', 'pingtan-scj-2019.txt'],
  ['real', 'pingtan-zrz-2020.txt'],
  ['real', 'pingtan-czj-2021.txt'],
  ['real', 'pingtan-shs-2024.txt'],
  ['other', 'jiangsu-hzq-2023.txt'],
  ['other', 'jiangsu-has-2024.txt'],
] as const;

describe.each(EXAMPLES)('%s/%s, published, printed to PDF', (set, file) => {
  it('reads back every figure of tables 二, 三 and 四 from pdftotext -layout and -raw', async () => {
    const { report } = importText(readExample(set, file));
    const page = await browser.newPage();
    try {
      await page.setContent(renderReportHtml(report));
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const cells = FORMATS[report.format].cells;
      const expected = Object.fromEntries(cells.map((c) => [c.id, report.values[c.id] ?? null]));
      // (Not a vacuous round trip: tables 三 and 四 are filled but where the report left a row out.)
      expect(cells.filter((c) => c.table !== '二' && expected[c.id] !== null).length).toBeGreaterThan(150);
      for (const mode of ['-layout', '-raw']) {
        const text = execFileSync('pdftotext', [mode, '-', '-'], { input: pdf, encoding: 'utf8' });
        const back = importText(text).report;
        expect([mode, back.format, back.year]).toEqual([mode, report.format, report.year]);
        const read = Object.fromEntries(cells.map((c) => [c.id, back.values[c.id] ?? null]));
        expect([mode, read]).toEqual([mode, expected]);
      }
    } finally {
      await page.close();
    }
  });
});
