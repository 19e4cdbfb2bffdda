/**
 * Every call of the web pages' client (web/common/api.ts) retries as contract/retry.ts says, against a real HTTP
 * server that throttles: the desk list, the report detail and the consolidated download (GETs) after any answer
 * worth resending; a review action (a POST without an Idempotency-Key) after a 429 alone — the one answer that says
 * nothing was done — never after a lost answer or a failing server, which may have done it.
 */
import { THROTTLED } from '../../contract/retry';
import { ApiError, WebApi } from '../../web/common/api';
import { GATEWAY_429, useThrottlingServer, waf429 } from '../contract/throttlingServer';

const server = useThrottlingServer();

const OK = (body: unknown) => ({ status: 200, body });
const FAILING = { status: 503, body: { message: 'Service Unavailable' } };
const CUT = { status: 0, body: null };

function api(sleeps?: number[]): WebApi {
  return new WebApi({
    apiBase: server.apiBase,
    token: () => 'T',
    ...(sleeps ? { sleep: async (ms: number) => void sleeps.push(ms) } : {}),
  });
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

test('the desk list: API Gateway’s 429 is waited out (1–2 s) and the same GET answers', async () => {
  const sleeps: number[] = [];
  server.script = [GATEWAY_429, OK({ year: 2025, agencies: ['x'] })];
  const desk = await api(sleeps).json<{ agencies: string[] }>('GET', '/review/2025?office=o');
  expect(desk.agencies).toEqual(['x']);
  expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
    'GET /api/review/2025?office=o',
    'GET /api/review/2025?office=o',
  ]);
  expect(sleeps).toHaveLength(1);
  expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  expect(sleeps[0]).toBeLessThan(2000);
});

test('the report detail: a failing server and a lost answer are retried too (a GET changes nothing)', async () => {
  server.script = [FAILING, CUT, OK({ version: 3 })];
  const detail = await api([]).json<{ version: number }>('GET', '/reports/a/2025');
  expect(detail.version).toBe(3);
  expect(server.seen).toHaveLength(3);
});

test('a Retry-After beyond 30 s: one try, and the error says when to try again', async () => {
  server.script = [waf429('120')];
  const e = await failure(api([]).json('GET', '/reports/a/2025/versions'));
  expect(server.seen).toHaveLength(1);
  expect([e.status, e.code]).toEqual([429, 'E-TOO-MANY-REQUESTS']);
  expect(e.bilingual).toEqual({
    zh: '此网络地址的请求过多，请在约 2 分钟后重试。',
    en: 'Too many requests from this network address. Try again in about 2 minutes.',
  });
});

test('three 429s of the gateway: the desk is told the server is busy, in both languages', async () => {
  server.script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const e = await failure(api([]).json('GET', '/review/2025'));
  expect(server.seen).toHaveLength(3);
  expect(e.status).toBe(429);
  expect(e.bilingual).toEqual(THROTTLED);
});

test('a review action after a 429 with Retry-After 1: waited (really), then the same POST is done once', async () => {
  server.script = [waf429('1'), OK({ review: { state: 'accepted' } })];
  const r = await api().json<{ review: { state: string } }>('POST', '/reports/a/2025/accept', { version: 2 });
  expect(r.review.state).toBe('accepted');
  expect(server.seen.map((s) => [s.method, s.path, s.bytes])).toEqual([
    ['POST', '/api/reports/a/2025/accept', 13],
    ['POST', '/api/reports/a/2025/accept', 13],
  ]);
  expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(950);
});

test('a review action is never resent after a failing server or a lost answer: it may have been done', async () => {
  server.script = [FAILING];
  const failed = await failure(api([]).json('POST', '/reports/a/2025/return', { reason: 'r', version: 2 }));
  expect([failed.status, server.seen.length]).toEqual([503, 1]);

  server.seen = [];
  server.script = [CUT];
  const lost = await failure(api([]).json('POST', '/review/2025/reminders'));
  expect([lost.status, lost.code, server.seen.length]).toEqual([0, 'E-NETWORK', 1]);
});

test('a POST under an Idempotency-Key is resent after a lost answer: the key makes it once', async () => {
  server.script = [CUT, OK({ done: true })];
  await api([]).json('POST', '/reports/a/2025/nothing-to-report', { reason: 'r' }, { 'Idempotency-Key': 'k-1' });
  expect(server.seen.map((s) => s.key)).toEqual(['k-1', 'k-1']);
});

test('the consolidated download retries as a GET and tells a long wait', async () => {
  server.script = [FAILING, FAILING, FAILING];
  const busy = await failure(api([]).download('/consolidated/2025?office=o&format=xlsx', 'c.xlsx'));
  expect([busy.status, server.seen.length]).toEqual([503, 3]);

  server.seen = [];
  server.script = [waf429('45')];
  const later = await failure(api([]).download('/consolidated/2025?office=o&format=xlsx', 'c.xlsx'));
  expect(server.seen).toHaveLength(1);
  expect(later.bilingual.zh).toBe('此网络地址的请求过多，请在 45 秒后重试。');
});
