/**
 * End to end: the built task pane in headless Chromium, on a scripted stand-in for Excel (fakeOffice.ts, served in
 * place of office.js from Microsoft's CDN), against the real local stack (HTTPS, handlers, dynalite) on a free
 * port with a temporary data folder. A person signs in, inserts the template (prefilled from last year's report in
 * the repository), types and pastes, sees the findings, writes prose from the pane and submits; the first answers
 * are lost on the way back, and clicking 一键提交 again (then 再次提交) does not store a second version. The pane is 320 px wide (its narrowest
 * in Excel), in Chinese and in English: axe-core finds no serious accessibility violation, the findings say where
 * they go and the keyboard reaches them, the tab's badge is a tile's count, nothing overflows or splits awkwardly.
 * Screenshots go to dist/e2e/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FORMAT_2021 } from '../../../report/format';
import { META_SHEET, proseId, workbookLayout } from '../../../report/workbook/layout';
import type { LocalStack } from '../../../dev/server';
import { startStackIn } from '../../../harness/stack';
import { launchChromium } from '../../../harness/chromium';
import { forget, https, type HttpAnswer, type Target } from '../../../harness/https';
import { fakeOfficeContext } from '../../../harness/office/context';
import { artifactsDir } from '../../../harness/artifacts';
import { expectAccessible, type Fake, type FakeWindow, lineCount, onFakeExcel, paneShot, settledPane } from './pane';

jest.setTimeout(240_000);

/** The pane at 320 px, zh and en, for a person to look at. */
const SHOTS = artifactsDir('taskpane');
const AGENCY = 'yiyang-hrss';
const AGENCY_NAME = '益阳市人力资源和社会保障局';
const YEAR = new Date().getFullYear() - 1;
const layout = workbookLayout(FORMAT_2021);
const slot = (id: string) => layout.byId.get(id)!;

let dir: string;
let stack: LocalStack;
let browser: Browser;
let page: Page;

let api: Target;

/** A call to the stack's API; an object body is sent as JSON. */
function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const sendsJson = opts.body !== undefined;
  return https(api, method, path, {
    ...(opts.token ? { token: opts.token } : {}),
    headers: { ...(sendsJson ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(sendsJson ? { body: JSON.stringify(opts.body) } : {}),
  });
}

/** Last year's report, as the agency submitted it: it carries 1 application forward and 5 + 12 documents in force. */
async function seedPreviousYear(token: string): Promise<void> {
  const values: Record<string, number> = {};
  for (const c of FORMAT_2021.cells) values[c.id] = 0;
  Object.assign(values, {
    't3.new.natural': 1,
    't3.new.total': 1,
    't3.carryOver.natural': 1,
    't3.carryOver.total': 1,
    't2.rules.inForce': 5,
    't2.normative.inForce': 12,
  });
  const report = {
    format: '2021',
    agency: AGENCY_NAME,
    year: YEAR - 1,
    sections: {
      overview: `${YEAR - 1}年，本机关收到政府信息公开申请1件，结转下年度继续办理1件。`,
      problems: '信息公开的及时性有待提高。',
      other: '本年度未收取信息处理费。',
    },
    values,
  };
  const res = await call('POST', '/reports', {
    token,
    body: report,
    headers: { 'idempotency-key': 'seed-previous', 'x-confirm-warnings': 'all' },
  });
  expect(res.status).toBe(201);
}

const fake: Fake = (fn, arg) => onFakeExcel(page, fn, arg);
const shot = (p: Page, name: string) => paneShot(p, join(SHOTS, name));
const settled = () => settledPane(page);

async function typeCell(id: string, value: unknown): Promise<void> {
  const s = slot(id);
  await fake((f, a: { sheet: string; address: string; value: unknown }) => f.type(a.sheet, a.address, a.value), {
    sheet: s.sheet,
    address: s.address,
    value,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStackIn(dir, { buildAddin: true });
  api = { url: stack.apiBase, ca: stack.certs.ca };
  browser = await launchChromium();
  const context = await fakeOfficeContext(browser);
  page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[pane] ${e.message}\n`));
});

afterAll(async () => {
  await browser?.close();
  if (api) forget(api);
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('fills, checks and submits a report in the task pane', async () => {
  const dev = await call('POST', '/dev/token', { body: { agency: AGENCY, agencyName: AGENCY_NAME } });
  const token = (dev.json as { token: string }).token;
  await seedPreviousYear(token);

  await page.goto(`${stack.url}/taskpane.html`);
  await page.getByText('尚未插入年报模板').waitFor();
  await shot(page, '1-start.png');
  await expectAccessible(page, 'start');

  // Sign in (the local stack's dev sign-in), then insert the template.
  await page.getByLabel('机关代码').fill(AGENCY);
  await page.getByLabel('机关名称').fill(AGENCY_NAME);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('登录后报送').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '插入年报模板' }).click();
  await page.getByRole('tab', { name: /校验/ }).waitFor();
  await page
    .getByTestId('prefilled')
    .getByText(/已按\s\d{4}\s年度报告预填\s9\s个单元格/)
    .waitFor();
  await settled();

  expect(await fake((f) => f.sheetNames())).toEqual(['Sheet1', ...layout.sheets.map((s) => s.name)]);
  const carried = slot('t3.carried.natural');
  expect(
    await fake((f, a: { s: string; c: string }) => f.cell(a.s, a.c), { s: carried.sheet, c: carried.address }),
  ).toBe(1);
  expect(await fake((f, a: string) => f.cell(a, 'B3'), META_SHEET)).toBe(AGENCY_NAME);
  expect(await fake((f, a: string) => f.fills(a), carried.sheet)).toMatchObject({ [carried.address]: '#DEECF9' });
  // The sheets are protected again after the prefill was marked.
  expect(await fake((f) => f.protectedSheets())).toEqual(expect.arrayContaining(layout.sheets.map((s) => s.name)));

  // A paste of zeros into every other input cell of each table sheet: one change event per sheet.
  // Prefilled: 二、上年结转 (all seven columns, from last year's 四) and the two in-force counts.
  const prefilled = new Set([
    ...FORMAT_2021.table3.columns.map((c) => `t3.carried.${c.key}`),
    't2.rules.inForce',
    't2.normative.inForce',
  ]);
  for (const sheet of layout.sheets.filter((s) => s.kind === 'table')) {
    const cells = Object.fromEntries(
      layout.inputs.filter((s) => s.sheet === sheet.name && !prefilled.has(s.id)).map((s) => [s.address, 0]),
    );
    const addrs = layout.inputs.filter((s) => s.sheet === sheet.name).map((s) => s.address);
    await fake((f, a: { n: string; c: Record<string, unknown>; r: string }) => f.fill(a.n, a.c, a.r), {
      n: sheet.name,
      c: cells,
      r: `${addrs[0]}:${addrs.at(-1)}`,
    });
  }
  await typeCell('t3.carryOver.natural', 1);
  await typeCell('t3.carryOver.total', 1);
  await settled();

  // One edit, one read, one sync; the error shows, grouped, and a click selects its cells.
  let syncs = await settled();
  await typeCell('t3.granted.natural', 2);
  expect((await settled()) - syncs).toBe(1);
  await page.getByTestId('count-error').getByText(/[1-9]/).waitFor();
  const rowSum = page.locator('button[data-rule="T3-ROW-SUM"]').first();
  await rowSum.waitFor();
  await shot(page, '2-findings.png');
  await expectAccessible(page, 'findings');
  // The tab's badge is the error tile's count, and says so to a screen reader.
  const errors = await page.getByTestId('count-error').locator('span').first().innerText();
  expect(await page.getByTestId('tab-badge').innerText()).toBe(errors);
  expect(await page.getByRole('tab', { name: /校验/ }).innerText()).toContain(`${errors}\u00a0个错误`);
  // Each finding shows where a click takes you.
  await expect(rowSum.innerText()).resolves.toMatch(/定位\s表三 [A-Z]+\d+/);
  // The keyboard: the arrow keys move through the list, Enter selects the cells.
  await rowSum.focus();
  const rules = await page
    .locator('[data-severity="error"] button[data-rule]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rule'))).toBe(
    rules[rules.indexOf('T3-ROW-SUM') + 1],
  );
  const selection = () => fake((f) => f.selection());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeExcel.selection()?.includes('三、'));
  const second = await selection();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForFunction((was) => (window as unknown as FakeWindow).__fakeExcel.selection() !== was, second);
  const first = await selection();
  expect(first).toMatch(/^三、.*!/);
  // And the mouse.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((was) => (window as unknown as FakeWindow).__fakeExcel.selection() === was, second);
  await rowSum.click();
  await page.waitForFunction((was) => (window as unknown as FakeWindow).__fakeExcel.selection() === was, first);

  // Hundreds of quick edits: still one read.
  syncs = await settled();
  await page.evaluate(async () => {
    const f = (window as unknown as FakeWindow).__fakeExcel;
    for (let i = 0; i < 300; i++) await f.type('三、收到和处理政府信息公开申请情况', 'E7', i % 5);
  });
  expect((await settled()) - syncs).toBe(1);

  // Put it right; a fee with too many decimals leaves a warning to confirm.
  await typeCell('t3.granted.natural', 0);
  await typeCell('t3.granted.business', 0);
  const granted = slot('t3.granted.business');
  expect(granted.address).toBe('E7');
  await typeCell('t2.fees.amount', 8.97723);
  await typeCell(proseId('problems'), '信息公开的及时性和规范性有待进一步提高，下一步将加强业务培训。');
  await typeCell(proseId('other'), '本年度未收取信息处理费。');
  await settled();
  // The tables are right; only the empty 一、总体情况 remains an error.
  expect(
    await page
      .locator('[data-severity="error"] [data-rule]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))),
  ).toEqual(['FORMAT-SECTIONS']);

  // The prose written from the pane: one write and one read, its own change event ignored.
  await page.getByRole('tab', { name: /正文/ }).click();
  const overview = page.getByRole('region', { name: '一、总体情况' });
  await overview
    .getByRole('textbox')
    .fill(`${YEAR}年，本机关未收到新的政府信息公开申请，上年结转1件，结转下年度继续办理1件。`);
  syncs = await settled();
  await overview.getByRole('button', { name: '写入工作表' }).click();
  await overview.getByRole('button', { name: '已写入' }).waitFor();
  expect((await settled()) - syncs).toBe(2);
  await shot(page, '3-prose.png');
  await expectAccessible(page, 'prose');
  await page.getByRole('tab', { name: /校验/ }).click();
  await page.getByTestId('count-error').getByText('0').waitFor();
  const textCell = slot(proseId('overview'));
  expect(
    await fake((f, a: { s: string; c: string }) => f.cell(a.s, a.c), { s: textCell.sheet, c: textCell.address }),
  ).toMatch(/^\d{4}年，本机关/);

  // Submit. The first answers are lost on the way back (the server did store the report). The clerk then clicks the
  // big 一键提交 again, not 重试: the pane sends the same report under the same key, kept with the workbook.
  await page.getByRole('tab', { name: /报送/ }).click();
  const keys: string[] = [];
  let loseAnswers = true;
  await page.route('**/api/reports', async (r) => {
    if (r.request().method() !== 'POST') return r.continue();
    keys.push((await r.request().allHeaders())['idempotency-key'] ?? '');
    const response = await r.fetch();
    if (loseAnswers) return r.abort('connectionreset');
    return r.fulfill({ response });
  });
  const confirmAndSubmit = async (first: boolean) => {
    await page.getByRole('button', { name: first ? '一键提交' : /一键提交|再次提交/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认警告后提交').waitFor();
    await dialog.locator('[data-rule="TYPE-FEE"]').waitFor();
    if (first) {
      await shot(page, '4-confirm.png');
      await expectAccessible(page, 'confirm dialog');
    }
    await dialog.getByRole('button', { name: '确认并提交' }).click();
  };
  await confirmAndSubmit(true);
  await page.getByTestId('submit-failed').waitFor({ timeout: 30_000 });
  await shot(page, '5-network-failure.png');
  const sentWhileLost = keys.length;
  expect(await fake((f) => f.savedSettings())).toEqual({
    'nianbao.submission': { key: keys[0], fingerprint: expect.any(String) },
  });
  loseAnswers = false;
  await confirmAndSubmit(false);
  const receipt = page.getByTestId('receipt');
  await receipt.waitFor();
  await shot(page, '6-submitted.png');
  expect(await page.getByRole('button', { name: '再次提交' }).isEnabled()).toBe(true);

  expect(sentWhileLost).toBe(3);
  expect(keys.length).toBe(4);
  expect(new Set(keys).size).toBe(1);
  await receipt.getByText('第 1 版').waitFor();
  expect(await lineCount(page, '[data-testid="receipt"]', '第\u00a01\u00a0版')).toBe(1);
  await expectAccessible(page, 'receipt');
  await receipt.getByText('此前的提交已被接收，未重复保存。').waitFor();
  // 再次提交 with nothing changed: the same key again, the same version.
  await confirmAndSubmit(false);
  for (const until = Date.now() + 30_000; keys.length < 5 && Date.now() < until;) await page.waitForTimeout(100);
  await receipt.getByText('此前的提交已被接收，未重复保存。').waitFor();
  expect(keys.length).toBe(5);
  expect(new Set(keys).size).toBe(1);
  const versions = await call('GET', `/reports/${AGENCY}/${YEAR}/versions`, { token });
  expect(versions.status).toBe(200);
  const listed = (versions.json as { versions: { version: number; client?: { kind: string } }[] }).versions;
  expect(listed.map((v) => v.version)).toEqual([1]);
  expect(listed[0]!.client).toEqual({ kind: 'addin' });
  const link = await receipt.getByRole('link', { name: /查看公开页面/ }).getAttribute('href');
  // The link is absolute (published pages are served beside the API, not under it).
  const published = await https({ url: new URL(link!).origin, ca: stack.certs.ca }, 'GET', new URL(link!).pathname);
  expect(published.status).toBe(200);
  expect(published.text).toContain(AGENCY_NAME);

  // The workbook file was read in slices and closed every time.
  const stats = await fake((f) => f.stats);
  expect(stats.openFiles).toBe(0);
  expect(stats.closedFiles).toBeGreaterThanOrEqual(1);
  // The only failed batch: the first check, before the template was there.
  expect(stats.errors).toEqual([`The requested resource does not exist: ${META_SHEET}`]);

  // Unloading the pane removes its event handlers.
  expect(await fake((f) => f.handlerCount())).toBe(3);
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeExcel.handlerCount() === 0);
});

it('speaks English when Office’s display language is English, in Latin type', async () => {
  const en = await page.context().newPage();
  await en.goto(`${stack.url}/taskpane.html?lang=en-US`);
  await en.getByText('No report template yet').waitFor();
  await shot(en, '7-start-en.png');
  await expectAccessible(en, 'start (en)');
  // ’ is drawn by a Latin font, not full-width by a CJK one.
  const apostrophe = await en.getByText(/last year’s/).evaluate((el) => {
    const n = [...el.childNodes].find((c) => c.textContent!.includes('’'))!;
    const range = document.createRange();
    const at = n.textContent!.indexOf('’');
    range.setStart(n, at);
    range.setEnd(n, at + 1);
    return range.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize);
  });
  expect(apostrophe).toBeLessThan(0.45);

  await en.getByRole('button', { name: 'Insert template' }).click();
  await en.getByRole('tab', { name: /Checks/ }).waitFor();
  await en.evaluate(async (a) => {
    const f = (window as unknown as FakeWindow).__fakeExcel;
    await f.type(a.sheet, a.address, 1.5);
  }, slot('t2.rules.issued'));
  const decimal = en.locator('button[data-rule="TYPE-INT"]').first();
  await decimal.waitFor();
  await expect(decimal.innerText()).resolves.toMatch(/Go to\sTable 二 [A-Z]+\d+/);
  await shot(en, '8-findings-en.png');
  await expectAccessible(en, 'findings (en)');
  expect(await en.getByTestId('tab-badge').innerText()).toBe(
    await en.getByTestId('count-error').locator('span').first().innerText(),
  );
  await en.close();
});
