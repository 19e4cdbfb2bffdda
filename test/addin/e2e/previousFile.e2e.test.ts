/**
 * End to end: last year's report from a file in the built task pane (headless Chromium, the scripted Excel stand-in,
 * the local stack). Without signing in, a person inserts the template, picks last year's report as a Word document
 * (made by LibreOffice Writer from the published text): the importer's own script is loaded only then, the YEAR-*
 * rules compare against the file, and the reading to confirm (the 2019 （六） row) is applied with one click.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FORMAT_2021 } from '../../../report/format';
import { workbookLayout } from '../../../report/workbook/layout';
import type { LocalStack } from '../../../dev/server';
import { startStackIn } from '../../../harness/stack';
import { launchChromium } from '../../../harness/chromium';
import { fakeOfficeContext } from '../../../harness/office/context';
import { htmlToDocx, relaidAsHtml } from '../../report/import/word';
import { expectAccessible, onFakeExcel, PANE_WIDTH } from './pane';

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '../../..');
const SHOTS = join(ROOT, 'dist', 'e2e');
const REAL = join(ROOT, 'test', 'fixtures', 'examples', 'real');
const YEAR = new Date().getFullYear() - 1;
const layout = workbookLayout(FORMAT_2021);

let dir: string;
let stack: LocalStack;
let browser: Browser;
let page: Page;
let docx: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-prev-'));
  mkdirSync(SHOTS, { recursive: true });
  // A real report carrying the 2019 single （六） row, as last year's: its years moved on to the year before this one.
  const text = readFileSync(join(REAL, 'pingtan-htp-2023.txt'), 'utf8').replaceAll('2023', String(YEAR - 1));
  const [converted, started] = await Promise.all([
    htmlToDocx({ previous: relaidAsHtml(text) }),
    startStackIn(dir, { buildAddin: true }),
  ]);
  stack = started;
  docx = join(dir, `海坛片区${YEAR - 1}年报.docx`);
  writeFileSync(docx, converted.previous!);
  browser = await launchChromium();
  page = await (await fakeOfficeContext(browser)).newPage();
  page.on('pageerror', (e) => process.stderr.write(`[pane] ${e.message}\n`));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('reads last year’s Word document in the pane, compares against it and applies the repair chosen', async () => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.goto(`${stack.url}/taskpane.html`);
  await page.getByRole('button', { name: '插入年报模板' }).click();
  await page.getByRole('tab', { name: /校验/ }).waitFor();
  const card = page.getByTestId('previous-file');
  await card.getByText(`中心库中没有 ${YEAR - 1} 年度报告时`.replace(/ /g, '\u00a0')).waitFor();
  expect(scripts.some((s) => s.includes('/importer-'))).toBe(false);

  // This year's 二、上年结转 says 3 applications came over; last year's report carried none forward.
  const carried = layout.byId.get('t3.carried.natural')!;
  await onFakeExcel(page, (f, a: { sheet: string; address: string }) => f.type(a.sheet, a.address, 3), {
    sheet: carried.sheet,
    address: carried.address,
  });
  await expect(page.locator('button[data-rule="YEAR-CARRY"]').count()).resolves.toBe(0);

  await page.getByTestId('previous-file-input').setInputFiles(docx);
  await card.getByText(/已从文件“海坛片区\d{4}年报\.docx”读取/).waitFor();
  expect(scripts.filter((s) => s.includes('/importer-'))).toHaveLength(1);
  await page.locator('button[data-rule="YEAR-CARRY"]').first().waitFor();
  const finding = card.getByTestId('previous-file-finding');
  await finding.getByText(/FORMAT-VERSION/).waitFor();
  await finding.getByText(/按2019年格式的「（六）其他处理」一行读取/).waitFor();
  await page.waitForTimeout(600);
  await card.screenshot({ path: join(SHOTS, 'previous-file.png') });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);
  await expectAccessible(page, 'previous file');

  await finding.getByRole('button', { name: '采用 R1' }).click();
  await finding.waitFor({ state: 'detached' });
  await card.getByRole('button', { name: '不再使用此文件' }).click();
  await page.locator('button[data-rule="YEAR-CARRY"]').first().waitFor({ state: 'detached' });
});
