/**
 * `nianbao submit` against a real HTTP server that throttles (contract/retry.ts): a Retry-After up to 30 s is waited
 * and said, longer is told with the time and the retry command; API Gateway's 429 without one is retried after 1–2 s
 * and 2–4 s under the same key, then told as a busy server — not "the server answered 429".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { consistentReport } from '../functions/helpers';
import { GATEWAY_429, useThrottlingServer, waf429 } from '../contract/throttlingServer';
import { captured } from './localStack';

jest.setTimeout(60_000);

const server = useThrottlingServer();
let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-submit-retry-'));
  file = join(dir, 'report.json');
  writeFileSync(file, JSON.stringify(consistentReport(2025, '益阳市教育局')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const submit = () =>
  captured(() => main(['submit', file, '--api', server.apiBase, '--token', 'T', '--agency', 'yiyang-edu']));

test('a Retry-After of 1 s is waited and said; the same key is then accepted', async () => {
  server.script = [waf429('1')];
  const r = await submit();
  expect(r.code).toBe(0);
  expect(r.err).toContain('服务器要求等待 1 秒，之后自动重试');
  expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);
  expect(server.seen).toHaveLength(2);
  expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(950);
});

test('a Retry-After beyond 30 s: one try, exit 2, the time to try again and the command to do it with', async () => {
  server.script = [waf429('600')];
  const r = await submit();
  expect(server.seen).toHaveLength(1);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/未被接受 \(429 E-TOO-MANY-REQUESTS\)：此网络地址的请求过多，请在约 10 分钟后重试。/);
  expect(r.err).toContain('Try again in about 10 minutes.');
  expect(r.err).toMatch(/稍后用同一幂等键重试.*\n.*--idempotency-key/);
});

test('API Gateway’s 429 without Retry-After: three tries a backoff apart, then the server is busy', async () => {
  server.script = [GATEWAY_429, GATEWAY_429, GATEWAY_429];
  const r = await submit();
  expect(r.code).toBe(2);
  expect(server.seen).toHaveLength(3);
  expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);
  const gaps = [1, 2].map((i) => server.seen[i]!.at - server.seen[i - 1]!.at);
  expect(gaps[0]).toBeGreaterThanOrEqual(1000);
  expect(gaps[0]).toBeLessThan(2600);
  expect(gaps[1]).toBeGreaterThanOrEqual(2000);
  expect(gaps[1]).toBeLessThan(4600);
  expect(r.err).toContain('服务器当前请求过多，自动重试后仍未成功，请稍等片刻再试。');
  expect(r.err).not.toContain('服务器返回 429');
});
