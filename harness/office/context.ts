/**
 * A browser context in which the built task pane runs on the scripted Excel stand-in: office.js from Microsoft's
 * CDN is answered with the stand-in (fakeOffice.ts, bundled here), and the stand-in's calls to turn .xlsx bytes
 * into sheets and back are answered by the bridge (exceljs in Node). Used by the end-to-end test and the bench.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { OFFICE_JS_URL } from '../../build/pages';
import { buildXlsx, parseXlsx } from './bridge';

let fakeOfficeJs: string | undefined;

export async function fakeOfficeContext(browser: Browser): Promise<BrowserContext> {
  fakeOfficeJs ??= buildSync({
    entryPoints: [join(__dirname, 'fakeOffice.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
  }).outputFiles[0]!.text;
  const body = fakeOfficeJs;
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 320, height: 860 },
    locale: 'zh-CN',
  });
  await context.route(OFFICE_JS_URL, (r) => r.fulfill({ contentType: 'text/javascript', body }));
  await context.route('**/__fake-office/*', async (r) => {
    const data = r.request().postData() ?? '';
    if (r.request().url().endsWith('/parse-xlsx'))
      return r.fulfill({ contentType: 'application/json', body: JSON.stringify({ sheets: await parseXlsx(data) }) });
    return r.fulfill({ contentType: 'application/octet-stream', body: await buildXlsx(JSON.parse(data)) });
  });
  return context;
}
