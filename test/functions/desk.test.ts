/**
 * The review desk: each agency of an office with its state, deadline (31 Jan departments, 31 Mar governments, or the
 * province's own) and flags as of a moment; nothing-to-report apart from missing; the reminder list; CSV; reminders
 * written to the sink (the log locally) with those the registry cannot reach named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setReminderSink, type Reminder } from '../../functions/review/reminders';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');

let repo: TestRepository;
let reviewer: string;
beforeAll(async () => {
  repo = await startRepository('desk');
  const admin = await repo.token({ admin: true });
  await repo.request('POST', '/api/agencies', { token: admin, headers: { 'content-type': 'text/csv' }, body: CSV });
  const hrss = await repo.token({ agency: 'yiyang-hrss' });
  const sent = await repo.request('POST', '/api/reports', {
    token: hrss,
    headers: { 'idempotency-key': newKey('desk') },
    body: consistentReport(2021, '益阳市人力资源和社会保障局'),
  });
  expect(sent.status).toBe(201);
  const edu = await repo.token({ agency: 'yiyang-edu' });
  const filed = await repo.request('POST', '/api/reports/yiyang-edu/2021/nothing-to-report', {
    token: edu,
    body: { reason: '已并入其他机关' },
  });
  expect(filed.status).toBe(200);
  reviewer = await repo.token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
});
afterAll(() => repo.close());

const desk = (q = '') => repo.request('GET', `/api/review/2021${q}`, { token: reviewer });
const row = (answer: { json: { rows: { agency: string }[] } }, agency: string) =>
  answer.json.rows.find((r) => r.agency === agency);

test('states, deadlines and overdue flags as of a moment; nothing to report apart from missing', async () => {
  const before = await desk('?asOf=2022-01-20');
  expect(before.status).toBe(200);
  expect(before.json).toMatchObject({ office: 'yiyang-gov', officeName: '益阳市人民政府', year: 2021 });
  expect(before.json.rows.map((r: { agency: string }) => r.agency)).toEqual([
    'heshan-gov',
    'yiyang-edu',
    'yiyang-ftz',
    'yiyang-hrss',
  ]);
  expect(row(before, 'yiyang-ftz')).toMatchObject({ state: 'missing', deadline: '2022-01-31', overdue: false });
  expect(row(before, 'heshan-gov')).toMatchObject({ state: 'missing', kind: '政府', deadline: '2022-03-31' });
  expect(row(before, 'yiyang-edu')).toMatchObject({ state: 'nothing', overdue: false, reason: '已并入其他机关' });
  expect(row(before, 'yiyang-hrss')).toMatchObject({ state: 'submitted', version: 1, late: true });
  expect(before.json.counts).toEqual({ missing: 2, submitted: 1, returned: 0, accepted: 0, nothing: 1, overdue: 0 });
  expect(before.json.reminders).toEqual([]);

  // A week before: on the reminder list; a day after the end of 31 January (Beijing time): overdue.
  expect((await desk('?asOf=2022-01-25')).json.reminders).toEqual(['yiyang-ftz']);
  expect(row(await desk('?asOf=2022-01-31T23:00:00%2B08:00'), 'yiyang-ftz')).toMatchObject({ overdue: false });
  const after = await desk('?asOf=2022-02-01');
  expect(row(after, 'yiyang-ftz')).toMatchObject({ overdue: true });
  expect(row(after, 'yiyang-edu')).toMatchObject({ overdue: false });
  expect(row(after, 'heshan-gov')).toMatchObject({ overdue: false });
  expect(after.json.counts.overdue).toBe(1);
  expect(row(await desk('?asOf=2022-04-01'), 'heshan-gov')).toMatchObject({ overdue: true });
});

test('the desk as CSV; administrators name the office; reminders go out, the unreachable are named', async () => {
  const file = await desk('?format=csv&asOf=2022-02-01');
  expect(file.headers['content-type']).toContain('text/csv');
  expect(file.headers['cache-control']).toBe('no-store');
  // Every text field is quoted (csvField): read back without the quotes.
  const lines = file.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.replace(/"/g, ''));
  expect(lines[0]).toBe(
    '机关代码,机关名称,层级,类别,状态,截止日期,逾期,迟报,最新版本,首次报送,最近报送,退回时间,通过时间,无需报送时间,理由',
  );
  expect(lines.find((l) => l.startsWith('yiyang-ftz,'))).toMatch(
    /^yiyang-ftz,益阳市林业局,市,部门,未报送,2022-01-31,是,/,
  );

  const admin = await repo.token({ admin: true });
  expect((await repo.request('GET', '/api/review/2021', { token: admin })).json.code).toBe('E-OFFICE-MISSING');
  expect((await repo.request('GET', '/api/review/2021?office=yiyang-gov', { token: admin })).status).toBe(200);
  expect((await repo.request('GET', '/api/review/2021?office=yiyang-hrss', { token: admin })).status).toBe(404);

  const sent: Reminder[] = [];
  setReminderSink(async (r) => void sent.push(r));
  try {
    const res = await repo.request('POST', '/api/review/2021/reminders', { token: reviewer });
    expect(res.json).toEqual({ sent: ['heshan-gov'], unreachable: ['yiyang-ftz'], channel: 'log' });
  } finally {
    setReminderSink(undefined);
  }
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ to: 'gkb@heshan.example.gov.cn', agency: 'heshan-gov' });
  expect(sent[0]!.subject).toContain('2021年度政府信息公开工作年度报告已逾期');
  expect(sent[0]!.text).toContain('已超过截止日期 2022-03-31');
});
