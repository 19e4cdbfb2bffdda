/**
 * The review desk end to end on the local stack (HTTPS, the handlers, dynalite), the web pages in headless Chromium:
 * an office (益阳市人民政府) with three departments. One clerk uploads a LibreOffice-saved workbook through the web
 * page (its warning confirmed there), another submits through the API; the reviewer returns the first with a reason
 * and a cell comment on the desk, the clerk sees it, uploads a corrected workbook, and both are accepted; the third
 * department stays missing and is flagged overdue (the year's deadline is past); the consolidated workbook's tables
 * downloaded from the desk, are the sums of the accepted reports and validate clean. Before all that, the clerk's
 * upload of a real published report's text with errors lists the server's errors, nothing stored. axe-core finds
 * nothing serious on either page. Then 无需报送: a clerk files it on the upload page, the office on its desk (a filing
 * against a report that arrived meanwhile refused). Screenshots go to dist/e2e-web/ (the API-level scenario of issue 15 is
 * test/review/, reviewcli's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IDEMPOTENCY_HEADER, YEAR_HEADER } from '../../contract/headers';
import { FORMAT_2021 } from '../../report/format';
import { validate } from '../../report/rules';
import { writeWorkbook } from '../../report/workbook/template';
import { readWorkbook } from '../../report/workbook/read';
import { slotAddress, workbookLayout } from '../../report/workbook/layout';
import { consistentReport } from '../functions/helpers';
import { withLibreOffice } from '../report/workbook/libreoffice';
import { accessible, focused, shot, useWebStack } from './webStack';

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '../..');
const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const YEAR = new Date().getFullYear() - 1;
const HRSS = '益阳市人力资源和社会保障局';
const FEE = workbookLayout(FORMAT_2021).byId.get('t2.fees.amount')!;

let files: { v1: string; v2: string };

/** The department's workbook as LibreOffice (standing in for WPS) saves it: v1 with a fee to confirm, v2 corrected. */
async function savedWorkbooks(dir: string): Promise<{ v1: string; v2: string }> {
  const v1 = consistentReport(YEAR, HRSS);
  v1.values['t2.fees.amount'] = 8.97723; // five decimals: TYPE-FEE, a warning to confirm
  const v2 = { ...v1, values: { ...v1.values, 't2.fees.amount': 8.9772 } };
  const saved = await withLibreOffice(async (lo) =>
    lo.convert({ v1: await writeWorkbook({ report: v1 }), v2: await writeWorkbook({ report: v2 }) }, 'xlsx'),
  );
  const paths = { v1: join(dir, 'hrss-v1.xlsx'), v2: join(dir, 'hrss-v2.xlsx') };
  writeFileSync(paths.v1, saved.v1!);
  writeFileSync(paths.v2, saved.v2!);
  return paths;
}

// LibreOffice first, before the stack's build competes with it for the CPUs.
const { call, token, signIn } = useWebStack('web-e2e', async (dir) => void (files = await savedWorkbooks(dir)));

it('an office returns, accepts, flags the missing and consolidates; a clerk submits on the web page', async () => {
  const admin = await token({ admin: true });
  expect(
    (await call('POST', '/agencies', { token: admin, body: CSV, headers: { 'content-type': 'text/csv' } })).status,
  ).toBe(200);

  // The clerk uploads the LibreOffice-saved workbook on the web page, confirms its warning, and it is accepted.
  const clerk = await signIn(
    'upload',
    { agency: 'yiyang-hrss', name: HRSS },
    {
      onCard: async (p) => {
        await shot(p, '1-upload-signin.png');
        await accessible(p, 'upload sign-in');
      },
    },
  );

  // A real published report's text with errors: the page lists the server's errors (official cell names), stores
  // nothing.
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'));
  const clerkToken = await token({ agency: 'yiyang-hrss', agencyName: HRSS });
  const server = await call('POST', '/reports', {
    token: clerkToken,
    body: text.toString('utf8'),
    headers: { 'content-type': 'text/plain; charset=utf-8', [YEAR_HEADER]: '2021', [IDEMPOTENCY_HEADER]: 'probe-1' },
  });
  expect(server.json.code).toBe('E-REPORT-ERRORS');
  const errorRules = (server.json.findings as { rule: string; severity: string }[])
    .filter((f) => f.severity === 'error')
    .map((f) => f.rule);
  expect(errorRules.length).toBeGreaterThan(0);
  await clerk.getByLabel('报告年度').fill('2021');
  await clerk.getByTestId('file').setInputFiles(join(ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'));
  await clerk.getByRole('button', { name: '检查并报送' }).click();
  await clerk.getByText('年报有错误，未予接收').waitFor();
  const errors = clerk.getByRole('region', { name: '错误' }).locator('li');
  expect(await errors.evaluateAll((li) => li.map((e) => e.dataset.testid!.replace(/^finding-/, '')))).toEqual(
    errorRules,
  );
  expect(await errors.first().textContent()).toMatch(/表[二三四]「/);
  await shot(clerk, '2-upload-errors.png');
  await accessible(clerk, 'upload errors');
  expect((await call('GET', '/reports/yiyang-hrss/2021', { token: clerkToken })).status).toBe(404);

  await clerk.getByLabel('报告年度').fill(String(YEAR));
  await clerk.getByTestId('file').setInputFiles(files.v1);
  await clerk.getByRole('button', { name: '检查并报送' }).click();
  const warning = clerk.getByTestId('finding-TYPE-FEE');
  await warning.waitFor();
  expect(await warning.textContent()).toContain(slotAddress(FEE));
  await shot(clerk, '3-upload-confirm.png');
  await accessible(clerk, 'upload confirm');
  // By keyboard: Space ticks the warning, Tab reaches the confirm button, Enter sends.
  await clerk.getByLabel('我已核实 TYPE-FEE').focus();
  await clerk.keyboard.press('Space');
  await clerk.keyboard.press('Tab');
  expect(await focused(clerk)).toBe('确认并报送');
  await clerk.keyboard.press('Enter');
  await clerk.getByTestId('receipt').getByText('已报送：第 1 版').waitFor();
  await clerk.getByTestId('review-card').getByText('等待审核机关审核，通过后公开。').waitFor();
  await shot(clerk, '4-upload-receipt.png');

  // Another department submits through the API; the third never does.
  const edu = await token({ agency: 'yiyang-edu' });
  const eduReport = consistentReport(YEAR, '益阳市教育局');
  Object.assign(eduReport.values, { 't4.review.upheld': 2, 't4.review.total': 2 });
  expect(
    (await call('POST', '/reports', { token: edu, body: eduReport, headers: { 'idempotency-key': 'edu-1' } })).status,
  ).toBe(201);

  // The reviewer's desk: states, deadlines, the overdue department; the first report is returned with a comment.
  const desk = await signIn('desk', { agency: 'yiyang-gov', office: 'yiyang-gov' });
  await desk.getByLabel('报告年度').fill(String(YEAR));
  await desk.getByRole('button', { name: '查看' }).click();
  const ftz = desk.getByTestId('row-yiyang-ftz');
  await ftz.waitFor();
  expect(await ftz.textContent()).toMatch(/未报送.*逾期/);
  expect(await desk.getByTestId('row-yiyang-hrss').textContent()).toContain('已报送');
  expect(await desk.getByTestId('row-yiyang-edu').textContent()).toContain('已报送');
  await shot(desk, '5-desk.png');
  await accessible(desk, 'desk');

  // By keyboard: Tab from the year field to the department's open button, Enter opens its report.
  await desk.getByLabel('报告年度').focus();
  for (let i = 0; i < 40 && (await focused(desk)) !== `打开 ${HRSS}`; i++) await desk.keyboard.press('Tab');
  expect(await focused(desk)).toBe(`打开 ${HRSS}`);
  await desk.keyboard.press('Enter');
  await desk.getByLabel('退回理由（必填）').fill('行政事业性收费金额请核实');
  await desk.getByRole('button', { name: '添加批注' }).click();
  await desk.getByLabel('单元格').selectOption('t2.fees.amount');
  await desk.getByLabel('批注', { exact: true }).fill('请保留四位小数');
  await shot(desk, '6-desk-return.png');
  await accessible(desk, 'report detail');
  await desk.getByRole('button', { name: '退回', exact: true }).click();
  await desk.getByTestId('action-note').getByText('已完成：已退回').waitFor();

  // The clerk sees the return at the cell, uploads the corrected workbook: no warning left, accepted at once.
  await clerk.reload();
  const returned = clerk.getByTestId('returned');
  await returned.waitFor();
  expect(await returned.textContent()).toContain('行政事业性收费金额请核实');
  expect(await returned.textContent()).toContain(`${slotAddress(FEE)} 请保留四位小数`);
  await shot(clerk, '7-upload-returned.png');
  await clerk.getByLabel('报告年度').fill(String(YEAR));
  await clerk.getByTestId('file').setInputFiles(files.v2);
  await clerk.getByRole('button', { name: '检查并报送' }).click();
  await clerk.getByTestId('receipt').getByText('已报送：第 2 版').waitFor();
  // The history names the web page as the client of both versions (X-Nianbao-Client: web, issue 13 item 5).
  const history = await call('GET', `/reports/yiyang-hrss/${YEAR}/versions`, {
    token: await token({ agency: 'yiyang-hrss' }),
  });
  expect((history.json.versions as { client?: { kind: string } }[]).map((v) => v.client?.kind)).toEqual(['web', 'web']);

  // Both accepted: the web page for one, the API for the other.
  await desk.reload();
  await desk.getByRole('button', { name: '通过' }).click();
  await desk.getByTestId('action-note').getByText('已完成：已通过').waitFor();
  const reviewer = await token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
  expect(
    (await call('POST', `/reports/yiyang-edu/${YEAR}/accept`, { token: reviewer, body: {} })).json.review.state,
  ).toBe('accepted');
  await desk.getByText('← 返回审核台').click();
  await desk.getByTestId('row-yiyang-hrss').getByText('已通过').waitFor();
  expect(await desk.getByTestId('row-yiyang-ftz').textContent()).toContain('逾期');

  // The consolidated workbook, downloaded from the desk: the sums of the two accepted reports, validating clean.
  const download = desk.waitForEvent('download');
  await desk.getByRole('button', { name: '下载工作簿' }).click();
  const workbook = readFileSync((await (await download).path())!);
  const read = await readWorkbook(workbook);
  const accepted = [
    (await call('GET', `/reports/yiyang-hrss/${YEAR}`, { token: reviewer })).json.report,
    eduReport,
  ] as { values: Record<string, number> }[];
  for (const cell of FORMAT_2021.cells) {
    const sum = accepted.reduce((n, r) => n + (r.values[cell.id] ?? 0), 0);
    expect({ id: cell.id, value: read.report.values[cell.id] }).toEqual({
      id: cell.id,
      value: Math.round(sum * 1e4) / 1e4,
    });
  }
  expect(validate(read.report, { inputFindings: read.findings })).toEqual([]);
  await desk.getByRole('button', { name: '查看汇总' }).click();
  await desk.getByTestId('consolidated').getByText('益阳市林业局（未报送）').waitFor();
  await shot(desk, '8-desk-consolidated.png');
  // The same view in English through the header's switch (the session stays with the tab, the view with the address).
  await desk.getByRole('link', { name: 'English' }).click();
  await desk.waitForURL(/\?lang=en#\/\?year=/);
  await desk.getByTestId('row-yiyang-ftz').getByText('Overdue').waitFor();
  await shot(desk, '9-desk-en.png');
});

it('无需报送 on the web: the clerk files it on the upload page, the office on its desk (in English)', async () => {
  const admin = await token({ admin: true });
  expect(
    (await call('POST', '/agencies', { token: admin, body: CSV, headers: { 'content-type': 'text/csv' } })).status,
  ).toBe(200);

  // The clerk of a county department with nothing to report: the card offers the filing; the reason comes first.
  const clerk = await signIn('upload', { agency: 'heshan-edu', name: '益阳市赫山区教育局' });
  await clerk.getByLabel('报告年度').fill(String(YEAR));
  const card = clerk.getByTestId('review-card');
  await card.getByText('该年度尚未报送。').waitFor();
  await card.getByRole('button', { name: '本年度无需报送…' }).click();
  const file = card.getByRole('button', { name: '登记无需报送' });
  expect(await file.isDisabled()).toBe(true);
  expect(await clerk.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  await clerk.keyboard.type('本局已并入区教育体育局，本年度无政府信息公开工作');
  await shot(clerk, '10-upload-nothing.png');
  await accessible(clerk, 'upload nothing to report');
  await file.click();
  await card.getByTestId('action-note').getByText('已完成：无需报送').waitFor();
  expect(await card.getByTestId('nothing-filed').textContent()).toMatch(
    /登记本年度无需报送。理由：本局已并入区教育体育局/,
  );
  expect(await card.getByRole('heading').textContent()).toContain('无需报送');
  // Its office's desk counts it apart from the missing, not overdue; a reload still shows the filing.
  const heshan = await token({ agency: 'heshan-gov', office: 'heshan-gov' });
  const row = (await call('GET', `/review/${YEAR}`, { token: heshan })).json.rows.find(
    (r: { agency: string }) => r.agency === 'heshan-edu',
  );
  expect(row).toMatchObject({
    state: 'nothing',
    overdue: false,
    reason: '本局已并入区教育体育局，本年度无政府信息公开工作',
  });
  await clerk.reload();
  await clerk.getByLabel('报告年度').fill(String(YEAR));
  await card.getByTestId('nothing-filed').waitFor();
  expect(await card.getByRole('button', { name: '本年度无需报送…' }).count()).toBe(0);

  // The office, on its desk in English: a filing against a report that arrives meanwhile is refused and says why.
  const desk = await signIn('desk', { agency: 'yiyang-gov', office: 'yiyang-gov' }, { lang: 'en' });
  await desk.getByLabel('Reporting year').fill(String(YEAR));
  await desk.getByRole('button', { name: 'Show' }).click();
  await desk.getByRole('button', { name: 'File nothing to report 益阳市林业局' }).click();
  await desk.getByLabel(/Why there is nothing to report/).fill('Merged');
  const ftz = consistentReport(YEAR, '益阳市林业局');
  const ftzToken = await token({ agency: 'yiyang-ftz' });
  expect(
    (await call('POST', '/reports', { token: ftzToken, body: ftz, headers: { 'idempotency-key': 'ftz-1' } })).status,
  ).toBe(201);
  await desk.getByRole('button', { name: 'File nothing to report', exact: true }).click();
  await desk
    .getByTestId('nothing-form')
    .getByText(/Not done: .*E-REVIEW-STALE/)
    .waitFor();
  await desk.getByRole('button', { name: 'Cancel' }).click();

  // The county government below files nothing to report, by keyboard: Enter opens the form, the reason, Enter again.
  await desk.getByRole('button', { name: 'File nothing to report 益阳市赫山区人民政府' }).focus();
  await desk.keyboard.press('Enter');
  await desk.keyboard.type('Its report is filed with the province this year');
  await shot(desk, '11-desk-nothing.png');
  await accessible(desk, 'desk nothing to report');
  for (let i = 0; i < 5 && (await focused(desk)) !== 'File nothing to report'; i++) await desk.keyboard.press('Tab');
  await desk.keyboard.press('Enter');
  await desk.getByTestId('desk-note').getByText('Done: Nothing to report').waitFor();
  const county = desk.getByTestId('row-heshan-gov');
  await county.getByText('Its report is filed with the province this year').waitFor();
  expect(await county.textContent()).toContain('Nothing to report');
  const reviewer = await token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
  const after = (await call('GET', `/review/${YEAR}`, { token: reviewer })).json;
  expect(after.rows.find((r: { agency: string }) => r.agency === 'heshan-gov')).toMatchObject({
    state: 'nothing',
    overdue: false,
  });
  expect(after.rows.find((r: { agency: string }) => r.agency === 'yiyang-ftz').state).toBe('submitted');
});

it('an office of 230 departments: the desk loads page after page and counts them all', async () => {
  const admin = await token({ admin: true });
  const ids = Array.from({ length: 230 }, (_, i) => `big-${String(i + 1).padStart(3, '0')}`);
  const registry = [
    CSV.trim(),
    'big-gov,大县人民政府,县,政府,hunan-gov,,,,,,',
    ...ids.map((id, i) => `${id},大县第${i + 1}局,县,部门,big-gov,,,,,,`),
  ].join('\n');
  const loaded = await call('POST', '/agencies', {
    token: admin,
    body: registry,
    headers: { 'content-type': 'text/csv' },
  });
  expect(loaded.status).toBe(200);
  // The API answers a page of 100 (DESK_PAGE.default) with a cursor to the next.
  const reviewer = await token({ agency: 'big-gov', office: 'big-gov' });
  const first = (await call('GET', `/review/${YEAR}`, { token: reviewer })).json;
  expect([first.rows.length, typeof first.next]).toEqual([100, 'string']);

  const desk = await signIn('desk', { agency: 'big-gov', office: 'big-gov' });
  await desk.getByLabel('报告年度').fill(String(YEAR));
  await desk.getByRole('button', { name: '查看' }).click();
  await desk.getByTestId('counts').getByText('共 230 个机关').waitFor();
  expect(await desk.locator('[data-testid^="row-big-"]').count()).toBe(230);
  expect(await desk.getByTestId('counts').textContent()).toContain('未报送 230');
  await desk.getByTestId('row-big-230').waitFor();
});
