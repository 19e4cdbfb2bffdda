/**
 * The desk a page at a time (issue 16, item 2): an office of seven departments read three at a time gives exactly
 * the rows, counts and reminders of one big page once the pages are joined (contract joinDeskPage); limits and
 * cursors that are not the server's are a 400, never a 500; the CSV and the reminders still cover the whole office.
 */
import { joinDeskPage, type DeskAnswer } from '../../contract/review';
import { setReminderSink, type Reminder } from '../../functions/review/reminders';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const DEPARTMENTS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `pq-${l}`);
const CSV = [
  '机关代码,机关名称,层级,类别,上级政府,审核机关,联系邮箱,公开方式,汇总范围,部门截止日,政府截止日',
  'pq-gov,平桥市人民政府,市,政府,,,gkb@pq.example.gov.cn,,,01-31,03-31',
  // Every other department has an address: the rest are unreachable by a reminder.
  ...DEPARTMENTS.map(
    (id, i) => `${id},平桥市第${i + 1}局,市,部门,pq-gov,,${i % 2 ? '' : `${id}@pq.example.gov.cn`},,,,`,
  ),
].join('\n');

let repo: TestRepository;
let reviewer: string;
beforeAll(async () => {
  repo = await startRepository('desk-pages');
  const admin = await repo.token({ admin: true });
  const loaded = await repo.request('POST', '/api/agencies', {
    token: admin,
    headers: { 'content-type': 'text/csv' },
    body: CSV,
  });
  expect(loaded.status).toBe(200);
  // Two submit, one files nothing to report; four stay missing.
  for (const id of ['pq-b', 'pq-e']) {
    const sent = await repo.request('POST', '/api/reports', {
      token: await repo.token({ agency: id }),
      headers: { 'idempotency-key': newKey('pages') },
      body: consistentReport(2021, `平桥市第${DEPARTMENTS.indexOf(id) + 1}局`),
    });
    expect(sent.status).toBe(201);
  }
  const filed = await repo.request('POST', '/api/reports/pq-f/2021/nothing-to-report', {
    token: await repo.token({ agency: 'pq-f' }),
    body: { reason: '已撤并' },
  });
  expect(filed.status).toBe(200);
  reviewer = await repo.token({ agency: 'pq-gov', office: 'pq-gov' });
});
afterAll(() => repo.close());

const desk = (q: string) => repo.request('GET', `/api/review/2021?asOf=2022-02-01${q}`, { token: reviewer });

/** Every page from the first, following `next`, joined; the number of requests it took. */
async function walk(limit: number): Promise<{ desk: DeskAnswer; pages: number[] }> {
  let answer = await desk(`&limit=${limit}`);
  expect(answer.status).toBe(200);
  let joined = answer.json as DeskAnswer;
  const pages = [joined.rows.length];
  while (joined.next) {
    answer = await desk(`&limit=${limit}&cursor=${encodeURIComponent(joined.next)}`);
    expect(answer.status).toBe(200);
    pages.push((answer.json as DeskAnswer).rows.length);
    joined = joinDeskPage(joined, answer.json as DeskAnswer);
  }
  return { desk: joined, pages };
}

test('pages of 3, 1, 2 and 7 join to exactly the one big page', async () => {
  const whole = (await desk('&limit=500')).json as DeskAnswer;
  expect(whole.next).toBeUndefined();
  expect(whole.rows.map((r) => r.agency)).toEqual(DEPARTMENTS);
  expect(whole.counts).toEqual({ missing: 4, submitted: 2, returned: 0, accepted: 0, nothing: 1, overdue: 4 });
  expect(whole.reminders).toEqual(['pq-a', 'pq-c', 'pq-d', 'pq-g']);

  const three = await walk(3);
  expect(three.pages).toEqual([3, 3, 1]);
  expect(three.desk).toEqual(whole);
  // A page's counts are its own rows': the first three hold one submission and two missing.
  expect(((await desk('&limit=3')).json as DeskAnswer).counts).toMatchObject({ missing: 2, submitted: 1 });

  expect((await walk(1)).pages).toEqual([1, 1, 1, 1, 1, 1, 1]);
  expect((await walk(1)).desk).toEqual(whole);
  expect((await walk(2)).desk).toEqual(whole);
  // A page that ends with the office is the last: no empty page after it.
  expect(await walk(7)).toEqual({ desk: whole, pages: [7] });
  // Without limit: DESK_PAGE.default (100), the whole office here.
  expect(((await desk('')).json as DeskAnswer).rows).toHaveLength(7);
});

test('garbled or forged cursors and wrong limits are a 400, not a 500', async () => {
  const forged = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');
  for (const cursor of [
    'garbage!!',
    '%%%',
    'x'.repeat(500),
    forged('OFFICE#pq-gov'),
    forged('A#../../x'),
    forged('A#'),
  ]) {
    const answer = await desk(`&cursor=${encodeURIComponent(cursor)}`);
    expect([cursor, answer.status, answer.json.code]).toEqual([cursor, 400, 'E-PARAM-INVALID']);
    expect(answer.json.message.en).toContain('cursor');
  }
  for (const limit of ['0', '501', '-1', 'ten', '1.5']) {
    const answer = await desk(`&limit=${limit}`);
    expect([limit, answer.status, answer.json.code]).toEqual([limit, 400, 'E-PARAM-INVALID']);
  }
  // A well-formed cursor is only a place in this office's list: the rows after it, of this office alone.
  const after = (await desk(`&cursor=${forged('A#pq-c')}`)).json as DeskAnswer;
  expect(after.rows.map((r) => r.agency)).toEqual(['pq-d', 'pq-e', 'pq-f', 'pq-g']);
});

test('the CSV and the reminders cover the whole office, whatever the page size', async () => {
  const file = await desk('&format=csv&limit=2');
  expect(file.status).toBe(200);
  const agencies = file.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[0]!.replace(/"/g, ''));
  expect(agencies).toEqual(DEPARTMENTS);

  const sent: Reminder[] = [];
  setReminderSink(async (r) => void sent.push(r));
  try {
    const res = await repo.request('POST', '/api/review/2021/reminders?asOf=2022-02-01', { token: reviewer });
    expect(res.json).toEqual({ sent: ['pq-a', 'pq-c', 'pq-g'], unreachable: ['pq-d'], channel: 'log' });
  } finally {
    setReminderSink(undefined);
  }
  expect(sent.map((r) => r.to)).toEqual(['pq-a@pq.example.gov.cn', 'pq-c@pq.example.gov.cn', 'pq-g@pq.example.gov.cn']);
});
