/**
 * The web upload page's client (web/common/api.ts WebApi.upload) against a real HTTP server that throttles: the same
 * bytes and key resent as contract/retry.ts says, each retry announced to the page, and a last 429 told in words a
 * clerk can act on (when to try again, or that the server is busy), not "the server answered 429".
 */
import { WebApi } from '../../web/common/api';
import { GATEWAY_429, useThrottlingServer, waf429 } from '../contract/throttlingServer';

const server = useThrottlingServer();

const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': 'web-k' };

function api(sleeps?: number[]): WebApi {
  return new WebApi({
    apiBase: server.apiBase,
    token: () => 'T',
    ...(sleeps ? { sleep: async (ms: number) => void sleeps.push(ms) } : {}),
  });
}

test('a Retry-After of 1 s is waited (really) and announced; the same bytes and key are then accepted', async () => {
  server.script = [waf429('1')];
  const retries: [number, number | undefined][] = [];
  const answer = await api().upload('/reports', bytes, headers, (n, wait) => retries.push([n, wait]));
  expect(answer.status).toBe(201);
  expect(retries).toEqual([[2, 1]]);
  expect(server.seen.map((s) => [s.key, s.bytes])).toEqual([
    ['web-k', 6],
    ['web-k', 6],
  ]);
  expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(950);
});

test('a Retry-After beyond 30 s: one try, and the page gets the time to try again', async () => {
  server.script = [waf429('120')];
  const answer = await api([]).upload('/reports', bytes, headers);
  expect(server.seen).toHaveLength(1);
  expect(answer.status).toBe(429);
  expect(answer.body.message).toEqual({
    zh: '此网络地址的请求过多，请在约 2 分钟后重试。',
    en: 'Too many requests from this network address. Try again in about 2 minutes.',
  });
});

test('API Gateway’s 429 without Retry-After: 1–2 s, then 2–4 s, then the server is busy in both languages', async () => {
  const sleeps: number[] = [];
  server.script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const answer = await api(sleeps).upload('/reports', bytes, headers);
  expect(server.seen).toHaveLength(3);
  expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  expect(sleeps[0]).toBeLessThan(2000);
  expect(sleeps[1]).toBeGreaterThanOrEqual(2000);
  expect(sleeps[1]).toBeLessThan(4000);
  expect(answer).toMatchObject({
    status: 429,
    body: { code: 'HTTP-429', message: { zh: expect.stringMatching(/请求过多.*稍等片刻再试/) } },
  });
});

test('a refusal on its merits is not retried', async () => {
  server.script = [
    { status: 422, body: { code: 'E-REPORT-ERRORS', message: { zh: '有错误', en: 'errors' }, findings: [] } },
  ];
  const answer = await api([]).upload('/reports', bytes, headers);
  expect(answer.status).toBe(422);
  expect(server.seen).toHaveLength(1);
});
