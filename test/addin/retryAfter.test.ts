/**
 * The add-in's API client against a real HTTP server that throttles: it waits a Retry-After (seconds or an HTTP date)
 * as told up to 30 s, stops at once and says when (请在 N 秒后重试) beyond that, and backs off 1–2 s then 2–4 s when a
 * 429 names no time (API Gateway's own throttle), every try with the same key and bytes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, type ApiError } from '../../addin/api/client';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

const ACCEPTED: Answer = {
  status: 201,
  body: { agency: 'a', year: 2025, version: 1, submittedAt: '2026-01-30T08:00:00Z', findings: [], publishedUrl: 'u' },
};
const GATEWAY_429: Answer = { status: 429, body: { message: 'Too Many Requests' } };
const waf = (seconds: string): Answer => ({
  status: 429,
  headers: { 'retry-after': seconds },
  body: {
    code: 'E-TOO-MANY-REQUESTS',
    message: {
      zh: '此网络地址的请求过多，请稍后再试',
      en: 'Too many requests from this network address; try again later',
    },
  },
});

let server: Server;
let script: Answer[] = [];
let seen: { key: string | undefined; bytes: number; at: number }[] = [];

function bodyOf(req: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => resolve(n));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const bytes = await bodyOf(req);
    seen.push({ key: req.headers['idempotency-key'] as string | undefined, bytes, at: Date.now() });
    const a = script.shift() ?? ACCEPTED;
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen = [];
  script = [];
});

const attempt = { idempotencyKey: 'key-7', file: new Uint8Array([80, 75, 3, 4, 5]), confirmedWarnings: [] };

function client(sleeps?: number[]): ApiClient {
  return new ApiClient({
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    token: () => 'T',
    // Recorded and skipped where a test says so; else real waits.
    ...(sleeps ? { sleep: async (ms: number) => void sleeps.push(ms) } : {}),
  });
}

test('a 429 with Retry-After: 1 is waited as told (really), then the same key and bytes are accepted', async () => {
  script = [waf('1')];
  const receipt = await client().submit(attempt);
  expect(receipt.version).toBe(1);
  expect(seen.map((s) => [s.key, s.bytes])).toEqual([
    ['key-7', 5],
    ['key-7', 5],
  ]);
  expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
});

test('Retry-After as an HTTP date is waited until that time', async () => {
  const sleeps: number[] = [];
  script = [waf(new Date(Date.now() + 20_000).toUTCString())];
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
    seen = [];
    const sleeps: number[] = [];
    script = [waf(seconds)];
    const e = (await client(sleeps)
      .submit(attempt)
      .catch((x: unknown) => x)) as ApiError;
    expect({ status: e.status, code: e.code, tries: seen.length, sleeps }).toEqual({
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
  script = [
    { status: 429, headers: { 'retry-after': '480' }, body: { code: 'E-RATE-LIMIT', message, retryAfterSeconds: 480 } },
  ];
  const e = (await client([])
    .submit(attempt)
    .catch((x: unknown) => x)) as ApiError;
  expect(e.bilingual).toEqual(message);
  expect(seen).toHaveLength(1);
});

test('API Gateway’s 429 (no Retry-After): backs off 1–2 s then 2–4 s, three tries, then says the server is busy', async () => {
  const sleeps: number[] = [];
  script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const e = (await client(sleeps)
    .submit(attempt)
    .catch((x: unknown) => x)) as ApiError;
  expect(seen.map((s) => s.key)).toEqual(['key-7', 'key-7', 'key-7']);
  expect(sleeps).toHaveLength(2);
  expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  expect(sleeps[0]).toBeLessThan(2000);
  expect(sleeps[1]).toBeGreaterThanOrEqual(2000);
  expect(sleeps[1]).toBeLessThan(4000);
  expect(e.status).toBe(429);
  expect(e.bilingual.zh).toBe('服务器当前请求过多，自动重试后仍未成功，请稍等片刻再试。');
  // Throttled twice, then through: accepted on the third try.
  seen = [];
  script = [GATEWAY_429, GATEWAY_429];
  expect((await client([]).submit(attempt)).version).toBe(1);
  expect(seen).toHaveLength(3);
});
