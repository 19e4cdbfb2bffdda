/**
 * The add-in's API client against a real HTTP server that throttles: it waits a Retry-After (seconds or an HTTP date)
 * as told up to 30 s, stops at once and says when (请在 N 秒后重试) beyond that, and backs off 1–2 s then 2–4 s when a
 * 429 names no time (API Gateway's own throttle), every try with the same key and bytes. The dev sign-in, a POST
 * without a key, is resent after a 429 alone.
 */
import { ApiClient, type ApiError } from '../../addin/api/client';
import { THROTTLED } from '../../contract/retry';
import { GATEWAY_429, useThrottlingServer, waf429 } from '../contract/throttlingServer';

const server = useThrottlingServer();

const attempt = { idempotencyKey: 'key-7', file: new Uint8Array([80, 75, 3, 4, 5]), confirmedWarnings: [] };

function client(sleeps?: number[]): ApiClient {
  return new ApiClient({
    apiBase: server.apiBase,
    token: () => 'T',
    // Recorded and skipped where a test says so; else real waits.
    ...(sleeps ? { sleep: async (ms: number) => void sleeps.push(ms) } : {}),
  });
}

test('a 429 with Retry-After: 1 is waited as told (really), then the same key and bytes are accepted', async () => {
  server.script = [waf429('1')];
  const receipt = await client().submit(attempt);
  expect(receipt.version).toBe(1);
  expect(server.seen.map((s) => [s.key, s.bytes])).toEqual([
    ['key-7', 5],
    ['key-7', 5],
  ]);
  expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(950);
});

test('Retry-After as an HTTP date is waited until that time', async () => {
  const sleeps: number[] = [];
  server.script = [waf429(new Date(Date.now() + 20_000).toUTCString())];
  await client(sleeps).submit(attempt);
  expect(sleeps).toHaveLength(1);
  expect(sleeps[0]).toBeGreaterThanOrEqual(18_000);
  expect(sleeps[0]).toBeLessThanOrEqual(21_000);
});

test('a Retry-After beyond 30 s stops at once and tells when: 请在 N 秒后重试', async () => {
  for (const [seconds, zh, en] of [
    ['45', '此网络地址的请求过多，请在 45 秒后重试。', 'Try again in 45 s.'],
    ['300', '此网络地址的请求过多，请在约 5 分钟后重试。', 'Try again in about 5 minutes.'],
  ] as const) {
    server.seen = [];
    const sleeps: number[] = [];
    server.script = [waf429(seconds)];
    const e = (await client(sleeps)
      .submit(attempt)
      .catch((x: unknown) => x)) as ApiError;
    expect({ status: e.status, code: e.code, tries: server.seen.length, sleeps }).toEqual({
      status: 429,
      code: 'E-TOO-MANY-REQUESTS',
      tries: 1,
      sleeps: [],
    });
    expect(e.bilingual.zh).toBe(zh);
    expect(e.bilingual.en).toContain(en);
    expect(e.retryable).toBe(true); // the pane keeps its 重试 button
  }
});

test('our rate limit says when itself: its message is kept as it is', async () => {
  const message = { zh: '10 分钟内最多接收 30 个新版本。请于北京时间 16:10:00（约 8 分钟后）再试', en: 'at most 30' };
  server.script = [
    { status: 429, headers: { 'retry-after': '480' }, body: { code: 'E-RATE-LIMIT', message, retryAfterSeconds: 480 } },
  ];
  const e = (await client([])
    .submit(attempt)
    .catch((x: unknown) => x)) as ApiError;
  expect(e.bilingual).toEqual(message);
  expect(server.seen).toHaveLength(1);
});

test('API Gateway’s 429 (no Retry-After): backs off 1–2 s then 2–4 s, three tries, then says the server is busy', async () => {
  const sleeps: number[] = [];
  server.script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const e = (await client(sleeps)
    .submit(attempt)
    .catch((x: unknown) => x)) as ApiError;
  expect(server.seen.map((s) => s.key)).toEqual(['key-7', 'key-7', 'key-7']);
  expect(sleeps).toHaveLength(2);
  expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  expect(sleeps[0]).toBeLessThan(2000);
  expect(sleeps[1]).toBeGreaterThanOrEqual(2000);
  expect(sleeps[1]).toBeLessThan(4000);
  expect(e.status).toBe(429);
  expect(e.bilingual.zh).toBe('服务器当前请求过多，自动重试后仍未成功，请稍等片刻再试。');
  // Throttled twice, then through: accepted on the third try.
  server.seen = [];
  server.script = [GATEWAY_429, GATEWAY_429];
  expect((await client([]).submit(attempt)).version).toBe(1);
  expect(server.seen).toHaveLength(3);
});

test('the pane’s reads retry too: last year’s report after the gateway’s 429, the review status told a long wait', async () => {
  const report = { format: '2021', year: 2024, agency: '益阳市教育局', values: {}, sections: {} };
  server.script = [GATEWAY_429, { status: 200, body: { report, findings: [], review: { state: 'accepted' } } }];
  const sleeps: number[] = [];
  expect(await client(sleeps).latestReport('yiyang-edu', 2024)).toEqual({ report, findings: [] });
  expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
    'GET /api/reports/yiyang-edu/2024',
    'GET /api/reports/yiyang-edu/2024',
  ]);
  expect(sleeps).toHaveLength(1);

  server.seen = [];
  server.script = [
    { status: 503, body: { message: 'Service Unavailable' } },
    { status: 404, body: { code: 'E-NOT-FOUND' } },
  ];
  expect(await client([]).reviewStatus('yiyang-edu', 2025)).toBeNull();
  expect(server.seen).toHaveLength(2);

  server.seen = [];
  server.script = [waf429('120')];
  const e = (await client([])
    .reviewStatus('yiyang-edu', 2025)
    .catch((x: unknown) => x)) as ApiError;
  expect(server.seen).toHaveLength(1);
  expect(e.bilingual.zh).toBe('此网络地址的请求过多，请在约 2 分钟后重试。');
});

test('the dev sign-in (a POST without a key) is resent after a 429 alone, never after a failing server or a lost answer', async () => {
  const sleeps: number[] = [];
  server.script = [GATEWAY_429, { status: 200, body: { token: 'dev-token' } }];
  expect(await client(sleeps).devToken('yiyang-edu', '益阳市教育局')).toBe('dev-token');
  const bytes = Buffer.byteLength(JSON.stringify({ agency: 'yiyang-edu', agencyName: '益阳市教育局' }));
  expect(server.seen.map((s) => `${s.method} ${s.path} ${s.bytes}`)).toEqual([
    `POST /api/dev/token ${bytes}`,
    `POST /api/dev/token ${bytes}`,
  ]);
  expect(sleeps).toHaveLength(1);
  expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  expect(sleeps[0]).toBeLessThan(2000);

  // A failing server or a cut connection may have done it: told at once, not sent again.
  for (const [answer, status] of [
    [{ status: 503, body: { message: 'Service Unavailable' } }, 503],
    [{ status: 0, body: null }, 0],
  ] as const) {
    server.seen = [];
    server.script = [answer];
    const e = (await client([])
      .devToken('yiyang-edu', '')
      .catch((x: unknown) => x)) as ApiError;
    expect([e.status, server.seen.length]).toEqual([status, 1]);
  }

  // Throttled on every try: three tries, then the server is busy; a long Retry-After is told at once.
  server.seen = [];
  server.script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const busy = (await client([])
    .devToken('yiyang-edu', '')
    .catch((x: unknown) => x)) as ApiError;
  expect([busy.status, busy.bilingual.zh, server.seen.length]).toEqual([429, THROTTLED.zh, 3]);
  server.seen = [];
  server.script = [waf429('120')];
  const later = (await client([])
    .devToken('yiyang-edu', '')
    .catch((x: unknown) => x)) as ApiError;
  expect([later.bilingual.zh, server.seen.length]).toEqual(['此网络地址的请求过多，请在约 2 分钟后重试。', 1]);
});
