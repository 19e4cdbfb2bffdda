/**
 * A published page printed to PDF and exported as the PDF advice tells a clerk (`pdftotext -layout`), or as
 * `pdftotext -raw` prints it, reads back figure for figure. The print of a page with merged cells puts pieces of the
 * side labels (`三、本`, `（六）其他`) on the rows' lines, wraps long labels over three lines, and (-raw) sets the
 * figures a single space apart: each of these once cost 7–29 cells of every example. And a sentence wrapped with its
 * figure at a line’s start or end (`198 条，…`, `…公示公告信息 17`) is prose, not a stray cell of table 二. Copied from
 * the browser (select all), the page imports as the report it shows, judged the same.
 */
import { execFileSync } from 'child_process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../harness/chromium';
import { FORMATS } from '../../../report/format';
import { importText } from '../../../report/import';
import { validate } from '../../../report/rules';
import { renderReportHtml } from '../../../report/render';
import type { Report } from '../../../report/model/types';
import { consistentReport } from '../../../harness/reports';
import { toFlatText } from './serialise';
import { readExample } from './truth';

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** The report's published page, open in the browser while `use` reads it. */
async function onPublishedPage<T>(report: Report, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage();
  try {
    await page.setContent(renderReportHtml(report));
    return await use(page);
  } finally {
    await page.close();
  }
}

// Both formats, a table 二 without its 规章 row, prose beside table 二, a 2019-style （六） row left blank, and a
// government's report.
const EXAMPLES = [
  ['real', 'pingtan-scj-2019.txt'],
  ['real', 'pingtan-zrz-2020.txt'],
  ['real', 'pingtan-czj-2021.txt'],
  ['real', 'pingtan-shs-2024.txt'],
  ['other', 'jiangsu-hzq-2023.txt'],
  ['other', 'jiangsu-has-2024.txt'],
] as const;
/** Printed, three of them — each format, and a Jiangsu report (a print takes ~2.5 s idle, ~8 s in CI: Chromium embeds the CJK font). */
const PRINTED = EXAMPLES.filter(([, f]) =>
  ['pingtan-zrz-2020.txt', 'pingtan-shs-2024.txt', 'jiangsu-hzq-2023.txt'].includes(f),
);

describe.each(PRINTED)('%s/%s, published, printed to PDF', (set, file) => {
  it('reads back every figure of tables 二, 三 and 四 from pdftotext -layout and -raw', async () => {
    const { report } = importText(readExample(set, file));
    const pdf = await onPublishedPage(report, (page) => page.pdf({ preferCSSPageSize: true, printBackground: true }));
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
  });
});

describe.each(EXAMPLES)('%s/%s, published, selected and copied in the browser', (set, file) => {
  it('reads back every figure, and is judged as the report it shows', async () => {
    const { report } = importText(readExample(set, file));
    // What select-all and copy give: the rendered text, tabs between cells, the tables' screen-reader captions too.
    const text = await onPublishedPage(report, (page) => page.evaluate(() => document.body.innerText));
    const { report: back, findings } = importText(text);
    const cells = FORMATS[report.format].cells;
    expect(cells.map((c) => back.values[c.id] ?? null)).toEqual(cells.map((c) => report.values[c.id] ?? null));
    const judged = (r: typeof report, read: typeof findings) =>
      validate(r, { inputFindings: read }).map((f) => `${f.rule} ${f.message.zh}`);
    expect(judged(back, findings)).toEqual(judged(report, []));
  });
});

describe('prose as a PDF wraps it', () => {
  it('a sentence’s figure at the start (`198 条，…`) or the end (`…信息 17` / `条等。`) of a line stays prose', () => {
    const report = consistentReport({ seed: 6, max: 300 });
    report.sections.overview = '本机关认真贯彻落实《条例》。';
    const text = toFlatText(report, { rowPerLine: true, spaced: false, halfWidth: false }).replace(
      '二、主动公开政府信息情况\n',
      [
        '二、主动公开政府信息情况',
        '（一）主动公开政府信息的数量 2021 年制作、获取政府信息总数 510 条，其中主动公开政府信息',
        '198 条，依申请公开信息数 142 条，不予公开信息数 137 条。主动公开的政府信息占 41.5%。',
        '其他文件共 2 条；工作动态共 2 条;地方性法规 1 条；公示公告信息 17',
        '条等。',
        '',
      ].join('\n'),
    );
    const { report: back, findings } = importText(text);
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.message.zh)).toEqual([]);
    const cells = FORMATS[report.format].cells;
    expect(cells.map((c) => back.values[c.id] ?? null)).toEqual(cells.map((c) => report.values[c.id] ?? null));
    expect(back.notes?.active).toContain('公示公告信息 17');
  });
});
