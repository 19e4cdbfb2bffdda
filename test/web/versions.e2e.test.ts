/**
 * A report's versions on the reviewer's desk a page at a time (GET …/versions pages, newest first): with more
 * versions than a page holds, the report detail shows the newest page and a button 显示更早的版本 that loads the
 * older ones after them, and goes away when none remain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION_PAGE } from '../../contract/answers';
import { consistentReport } from '../functions/helpers';
import { accessible, useWebStack } from './webStack';

// 53 submissions, then the desk in Chromium.
jest.setTimeout(240_000);

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const YEAR = new Date().getFullYear() - 1;
const HRSS = '益阳市人力资源和社会保障局';
const VERSIONS = VERSION_PAGE.default + 3;
// More versions than the default rate limit lets one report store in ten minutes.
const { call, token, signIn } = useWebStack('web-versions', undefined, {
  submissionRate: { versions: VERSIONS, windowSeconds: 600 },
});

it('the detail shows the newest page of versions, and 显示更早的版本 loads the rest', async () => {
  const admin = await token({ admin: true });
  expect(
    (await call('POST', '/agencies', { token: admin, body: CSV, headers: { 'content-type': 'text/csv' } })).status,
  ).toBe(200);
  const clerk = await token({ agency: 'yiyang-hrss', agencyName: HRSS });
  for (let i = 1; i <= VERSIONS; i++) {
    const report = consistentReport(YEAR, HRSS);
    report.sections.other = `本年度未收取信息处理费。第 ${i} 份。`;
    const sent = await call('POST', '/reports', {
      token: clerk,
      body: report,
      headers: { 'idempotency-key': `v${i}` },
    });
    expect(sent.json.version).toBe(i);
  }

  const desk = await signIn('desk', { agency: 'yiyang-gov', office: 'yiyang-gov' });
  await desk.getByLabel('报告年度').fill(String(YEAR));
  await desk.getByRole('button', { name: '查看' }).click();
  await desk.getByRole('button', { name: `打开 ${HRSS}` }).click();
  const list = desk.getByTestId('version-list').locator('li');
  const older = desk.getByTestId('older-versions');
  await older.waitFor();
  expect(await list.count()).toBe(VERSION_PAGE.default);
  expect(await list.first().textContent()).toContain(`版本 ${VERSIONS} `);
  await accessible(desk, 'report detail with older versions');
  await older.click();
  await older.waitFor({ state: 'detached' });
  expect(await list.count()).toBe(VERSIONS);
  const numbers = (await list.allTextContents()).map((t) => Number(/版本 (\d+) /.exec(t)?.[1]));
  expect(numbers).toEqual(Array.from({ length: VERSIONS }, (_, i) => VERSIONS - i));
});
