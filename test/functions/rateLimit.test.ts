/**
 * The submission rate limit: a few new versions per window (lowered here to meet it), then 429 with Retry-After and
 * when to try again; nothing stored, nothing locked, no number used up; retries of stored submissions still answered.
 */
import { clockInChina, SUBMISSION_RATE } from '../../contract/limits';
import { configureFunctions, parseRate, readEnv } from '../../functions/env';
import { listVersions } from './wholeHistory';
import { nextAllowed } from '../../functions/submission/rate';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

let repo: TestRepository;
let token: string;
const RATE = { versions: 3, windowSeconds: 2 };

beforeAll(async () => {
  repo = await startRepository('rate');
  configureFunctions({ ...readEnv(), submissionRate: RATE });
  token = await repo.token({ agency: 'rate-a' });
});
afterAll(() => repo.close());

const report = (i: number) => {
  const r = consistentReport(2021);
  r.sections.other = `本年度未收取信息处理费。第 ${i} 份。`;
  return r;
};
const submit = (i: number, key = newKey('rate')) =>
  repo.request('POST', '/api/reports', { token, body: report(i), headers: { 'idempotency-key': key } });

test('over the rate: 429 with Retry-After and the time, nothing stored; a retry of a stored one still replays', async () => {
  const keys = [newKey('a'), newKey('b'), newKey('c')];
  for (let i = 0; i < 3; i++) expect((await submit(i, keys[i])).status).toBe(201);
  const overKey = newKey('over');
  const over = await submit(3, overKey);
  expect(over.status).toBe(429);
  expect(over.json.code).toBe('E-RATE-LIMIT');
  const wait = Number(over.headers['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(RATE.windowSeconds);
  expect(over.json.retryAfterSeconds).toBe(wait);
  expect(Date.parse(over.json.retryAt)).toBeGreaterThan(Date.now());
  expect(over.json.message.zh).toMatch(/请于北京时间 \d\d:\d\d:\d\d（\d+ 秒后）再试/);
  expect(over.json.message.en).toMatch(/Try again at \d\d:\d\d:\d\d UTC \(in \d+ s\)/);
  expect(await listVersions('rate-a', 2021)).toHaveLength(3);
  // The first submission, sent again with its key while the limit holds: its stored answer.
  const retry = await submit(0, keys[0]);
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.json.version).toBe(1);

  // After the wait it is accepted under its key, and takes the next number: nothing was used up or kept locked.
  await new Promise((r) => setTimeout(r, wait * 1000 + 50));
  const later = await submit(3, overKey);
  expect(later.status).toBe(201);
  expect(later.json.version).toBe(4);
  expect((await listVersions('rate-a', 2021)).map((v) => v.version)).toEqual([1, 2, 3, 4]);
});

test('the limit is per report: another agency, or another year, is not held back', async () => {
  const other = await repo.token({ agency: 'rate-b' });
  const r = await repo.request('POST', '/api/reports', {
    token: other,
    body: report(9),
    headers: { 'idempotency-key': newKey() },
  });
  expect(r.status).toBe(201);
});

describe('nextAllowed', () => {
  const rate = { versions: 3, windowSeconds: 60 };
  test('free while fewer than `versions` fall within the window', () => {
    expect(nextAllowed([], 100_000, rate)).toBeUndefined();
    expect(nextAllowed([90_000, 95_000], 100_000, rate)).toBeUndefined();
    expect(nextAllowed([10_000, 20_000, 30_000], 100_000, rate)).toBeUndefined();
  });
  test('else when the oldest that counts leaves the window', () => {
    expect(nextAllowed([50_000, 60_000, 70_000], 100_000, rate)).toBe(110_000);
    // More times than the rate (a lower limit than the log holds): the one that has to leave.
    expect(nextAllowed([50_000, 60_000, 70_000, 80_000], 100_000, rate)).toBe(120_000);
  });
  test('the default cannot be met by hand: 30 new versions (each a changed report) within 10 minutes', () => {
    expect(SUBMISSION_RATE).toEqual({ versions: 30, windowSeconds: 600 });
    expect(parseRate('30/600')).toEqual(SUBMISSION_RATE);
    expect(() => parseRate('100/60')).toThrow();
    expect(() => parseRate('0/60')).toThrow();
  });
});

test('the time to try again is told in Beijing time, as a time-zone formatter tells it (UTC+8)', () => {
  const intl = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  // China last kept daylight saving in 1991; the product's instants are from 2008 on.
  const instants = [Date.UTC(2027, 0, 31, 15, 59, 59), Date.UTC(2027, 0, 31, 16, 0, 0), Date.UTC(2008, 6, 1, 3, 4, 5)];
  for (let i = 0; i < 200; i++) instants.push(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 3e12));
  for (const ms of instants) expect(clockInChina(ms)).toBe(intl.format(ms));
  expect(clockInChina(Date.UTC(2027, 0, 31, 16, 5, 9))).toBe('00:05:09');
});
