/**
 * Review states through the API: 未报送 → 已报送 → 已退回 (reason, cell comments) → 已报送 → 已通过, or 无需报送;
 * every transition records who and when; the clerk sees the return; an office that publishes on 通过 makes the
 * report public only once accepted; stale and out-of-state actions are refused.
 */
import { publishedPaths } from '../../contract/published';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const HRSS = '益阳市人力资源和社会保障局';

let repo: TestRepository;
let reviewer: string;
let clerk: string;
beforeAll(async () => {
  repo = await startRepository('review');
  const admin = await repo.token({ admin: true });
  const imported = await repo.request('POST', '/api/agencies', {
    token: admin,
    headers: { 'content-type': 'text/csv' },
    body: CSV,
  });
  expect(imported.status).toBe(200);
  reviewer = await repo.token({ agency: 'yiyang-gov', office: 'yiyang-gov' });
  clerk = await repo.token({ agency: 'yiyang-hrss', agencyName: HRSS });
});
afterAll(() => repo.close());

const submit = async (report = consistentReport(2021, HRSS)) =>
  repo.request('POST', '/api/reports', { token: clerk, headers: { 'idempotency-key': newKey('rv') }, body: report });
const act = (token: string, action: string, body?: object, agency = 'yiyang-hrss') =>
  repo.request('POST', `/api/reports/${agency}/2021/${action}`, { token, ...(body ? { body } : {}) });
const own = async () => (await repo.request('GET', '/api/reports/yiyang-hrss/2021', { token: clerk })).json;

test('submitted, returned with a reason and a cell comment, submitted again, accepted: public only then', async () => {
  expect((await submit()).status).toBe(201);
  let report = await own();
  expect(report.review).toMatchObject({ state: 'submitted', version: 1 });
  expect(report.publication).toEqual({ state: 'none', latest: 1, awaiting: 'acceptance' });
  expect((await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021))).status).toBe(404);
  // Nothing of the year is public yet: it has no index at all.
  expect((await repo.request('GET', publishedPaths.manifest(2021))).status).toBe(404);

  // A return needs a reason; comments name real cells; only its office may act; a clerk may not accept.
  expect((await act(reviewer, 'return', {})).json.code).toBe('E-REASON-REQUIRED');
  expect((await act(reviewer, 'return', { reason: 'x', comments: [{ cell: 't9.no', comment: 'x' }] })).status).toBe(
    400,
  );
  expect((await act(clerk, 'accept')).json.code).toBe('E-AUTH-REVIEWER');
  const elsewhere = await repo.token({ office: 'heshan-gov' });
  expect((await act(elsewhere, 'accept')).json.code).toBe('E-AUTH-SCOPE');

  const returned = await act(reviewer, 'return', {
    reason: '表三新收申请数与正文不一致',
    comments: [{ cell: 't3.new.natural', comment: '正文写收到4件，表中为3件' }],
    version: 1,
  });
  expect(returned.status).toBe(200);
  expect(returned.json.review).toMatchObject({ state: 'returned', version: 1 });
  report = await own();
  expect(report.review.state).toBe('returned');
  expect(report.review.transition).toMatchObject({
    action: 'return',
    reason: '表三新收申请数与正文不一致',
    comments: [{ cell: 't3.new.natural', comment: '正文写收到4件，表中为3件' }],
    by: { agency: 'yiyang-gov', office: 'yiyang-gov', admin: false },
  });
  expect(Date.parse(report.review.transition.at)).toBeGreaterThan(Date.now() - 60_000);
  expect((await act(reviewer, 'accept')).json.code).toBe('E-REVIEW-STATE');

  expect((await submit()).json.version).toBe(2);
  expect((await own()).review).toMatchObject({ state: 'submitted', version: 2 });
  expect((await act(reviewer, 'accept', { version: 1 })).json.code).toBe('E-REVIEW-STALE');
  const accepted = await act(reviewer, 'accept', { version: 2 });
  expect(accepted.json.review).toMatchObject({ state: 'accepted', version: 2 });
  expect(accepted.json.publication).toMatchObject({ state: 'published', version: 2 });

  const page = await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021));
  expect(page.status).toBe(200);
  expect(page.text).toContain('第 2 版');
  expect((await repo.publishedYear(2021)).index.map((p) => p.text).join('')).toContain(HRSS);
  const list = await repo.request('GET', '/api/reports/yiyang-hrss/2021/versions', { token: reviewer });
  expect(list.json.review.state).toBe('accepted');
  expect((await own()).reviews.map((r: { action: string }) => r.action)).toEqual(['return', 'accept']);

  // A newer version waits for 通过 again; the accepted one stays public meanwhile.
  expect((await submit()).json.version).toBe(3);
  expect((await own()).publication).toMatchObject({ state: 'published', version: 2, latest: 3 });
  // An administrator's decision after the acceptance counts.
  const admin = await repo.token({ admin: true });
  expect(
    (await repo.request('POST', '/api/reports/yiyang-hrss/2021/withdraw', { token: admin, body: {} })).status,
  ).toBe(200);
  expect((await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021))).status).toBe(410);
  expect((await act(reviewer, 'accept', { version: 3 })).json.publication).toMatchObject({ version: 3 });
  expect((await repo.request('GET', publishedPaths.report('yiyang-hrss', 2021))).status).toBe(200);
});

test('nothing to report is a filing of its own, until a report arrives', async () => {
  const edu = await repo.token({ agency: 'yiyang-edu' });
  expect((await act(edu, 'nothing-to-report', {}, 'yiyang-edu')).json.code).toBe('E-REASON-REQUIRED');
  const filed = await act(edu, 'nothing-to-report', { reason: '本机关2021年度已撤并' }, 'yiyang-edu');
  expect(filed.json.review).toMatchObject({ state: 'nothing', version: 0 });
  const listed = await repo.request('GET', '/api/reports?year=2021', { token: edu });
  expect(listed.json.reports[0]).toMatchObject({ submitted: false, review: { state: 'nothing' } });
  expect((await act(edu, 'nothing-to-report', { reason: '再报' }, 'yiyang-edu')).json.code).toBe('E-REVIEW-STATE');
  expect((await act(edu, 'nothing-to-report', { reason: 'x' }, 'yiyang-hrss')).json.code).toBe('E-AUTH-SCOPE');
  const sent = await repo.request('POST', '/api/reports', {
    token: edu,
    headers: { 'idempotency-key': newKey('edu'), 'x-confirm-warnings': 'AGENCY-NAME' },
    body: consistentReport(2021, '益阳市教育局'),
  });
  expect(sent.status).toBe(201);
  expect((await repo.request('GET', '/api/reports/yiyang-edu/2021', { token: reviewer })).json.review.state).toBe(
    'submitted',
  );
});
