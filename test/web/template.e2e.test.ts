/**
 * The upload page offers the blank official template to clerks without the add-in: on the local stack (`npm start`
 * serves the built add-in and its web pages), headless Chromium follows the page's link before anyone signs in and
 * saves the workbook under its official name; the bounded reader (report/workbook) reads it as the template of the
 * current format, every input blank. The English page offers the same file.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { TEMPLATE_DOWNLOAD_NAME } from '../../contract/web';
import { FORMAT_2021 } from '../../report/format';
import { readWorkbook } from '../../report/workbook/read';
import { accessible, shot, useWebStack } from './webStack';

jest.setTimeout(240_000);

const web = useWebStack('web-template');

async function uploadPage(query = ''): Promise<Page> {
  const page = await web.newPage();
  await page.goto(`${web.stack.url}/web/upload.html${query}`);
  return page;
}

async function downloaded(page: Page, linkText: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: linkText }).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

it('before sign-in, the link saves the blank template the reader reads as the official format', async () => {
  const page = await uploadPage();
  await page.getByRole('button', { name: '登录' }).waitFor();
  expect(await page.getByRole('heading', { name: '年报模板' }).count()).toBe(1);
  await shot(page, '0-upload-template.png');
  const { name, bytes } = await downloaded(page, '下载空白模板（.xlsx）');
  expect(name).toBe(TEMPLATE_DOWNLOAD_NAME);

  const read = await readWorkbook(bytes);
  expect(read.findings).toEqual([]);
  expect(read.report.format).toBe(FORMAT_2021.version);
  expect([read.report.agency, read.report.year]).toEqual([null, null]);
  expect(Object.keys(read.report.values).sort()).toEqual(FORMAT_2021.cells.map((c) => c.id).sort());
  expect(Object.values(read.report.values).filter((v) => v !== null && v !== undefined)).toEqual([]);

  await accessible(page, 'upload with the template');
});

it('the English page offers the same file', async () => {
  const page = await uploadPage('?lang=en');
  const zh = await downloaded(await uploadPage(), '下载空白模板（.xlsx）');
  const en = await downloaded(page, 'Download the blank template (.xlsx)');
  expect(en.name).toBe(TEMPLATE_DOWNLOAD_NAME);
  expect(en.bytes.equals(zh.bytes)).toBe(true);
});
