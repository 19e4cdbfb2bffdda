/**
 * What a submission reads of a report's latest versions (the next number and what the rate limit counts) does not
 * grow with the versions the report has: one query of the latest few, a second only when all of those fall within
 * the rate window; and the limit still counts every version of the window when it holds more than the first page.
 */
import { configureFunctions, readEnv } from '../../functions/env';
import { RECENT_FIRST_PAGE, recentVersions, table } from '../../functions/store';
import { listVersions } from './wholeHistory';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
const RATE = { versions: RECENT_FIRST_PAGE + 2, windowSeconds: 600 };

beforeAll(async () => {
  repo = await startRepository('recent');
  configureFunctions({ ...readEnv(), submissionRate: RATE });
});
afterAll(() => repo.close());

const submit = (token: string, i: number) => {
  const r = consistentReport(2021);
  r.sections.other = `本年度未收取信息处理费。第 ${i} 份。`;
  return repo.request('POST', '/api/reports', { token, body: r, headers: { 'idempotency-key': newKey('recent') } });
};

/** The queries `fn` makes. */
async function queries<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number }> {
  // The publishing builder reads through the same client after each write: let it finish first.
  await repo.publishing.settled();
  const { db } = table();
  const { query } = db;
  let calls = 0;
  db.query = (input) => {
    calls++;
    return query(input);
  };
  try {
    return { result: await fn(), calls };
  } finally {
    Object.assign(db, { query });
  }
}

test('the latest versions are read up to the rate window, in one query unless the window holds more', async () => {
  const token = await repo.token({ agency: 'recent-a' });
  const storedAt: number[] = [];
  for (let i = 1; i <= RATE.versions; i++) {
    expect((await submit(token, i)).json.version).toBe(i);
    storedAt.push(Date.now());
    await new Promise((r) => setTimeout(r, 5));
  }
  const numbers = (r: { version: number }[]) => r.map((v) => v.version);
  const n = RATE.versions;

  // The window opened after the version before the last few: the first page holds all of the window.
  const window = await queries(() => recentVersions('recent-a', 2021, 30, storedAt[n - 3]!));
  expect(window.calls).toBe(1);
  expect(numbers(window.result)).toEqual(Array.from({ length: RECENT_FIRST_PAGE }, (_, i) => n - i));
  expect(window.result.filter((v) => Date.parse(v.submittedAt) > storedAt[n - 3]!)).toHaveLength(2);

  // Every version falls within the window: the rest is read too, up to the limit, newest first.
  const all = await queries(() => recentVersions('recent-a', 2021, 30, 0));
  expect(all.calls).toBe(2);
  expect(numbers(all.result)).toEqual(Array.from({ length: n }, (_, i) => n - i));
  const capped = await queries(() => recentVersions('recent-a', 2021, RECENT_FIRST_PAGE + 1, 0));
  expect(numbers(capped.result)).toEqual(Array.from({ length: RECENT_FIRST_PAGE + 1 }, (_, i) => n - i));

  // The limit counts the whole window, beyond the first page: the next submission is over it.
  const over = await submit(token, n + 1);
  expect(over.status).toBe(429);
  expect(await listVersions('recent-a', 2021)).toHaveLength(n);

  // A report with fewer versions than the first page: one query.
  const few = await repo.token({ agency: 'recent-b' });
  expect((await submit(few, 1)).status).toBe(201);
  const one = await queries(() => recentVersions('recent-b', 2021, 30, 0));
  expect(one.calls).toBe(1);
  expect(numbers(one.result)).toEqual([1]);
}, 60_000);
