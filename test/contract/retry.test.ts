/** The one retry policy of the clients (contract/retry.ts): Retry-After read, backoff bounded and jittered. */
import {
  backoffMs,
  MAX_WAIT_SECONDS,
  nextRetry,
  retryAfterSeconds,
  tryAgainIn,
  withTryAgainIn,
} from '../../contract/retry';

test('Retry-After as seconds or as an HTTP date; anything else is no time at all', () => {
  const now = Date.parse('2026-01-30T08:00:00Z');
  expect(retryAfterSeconds('12', now)).toBe(12);
  expect(retryAfterSeconds(' 0 ', now)).toBe(0);
  expect(retryAfterSeconds('Fri, 30 Jan 2026 08:00:45 GMT', now)).toBe(45);
  expect(retryAfterSeconds(new Date(now + 1500).toUTCString(), now)).toBe(1); // HTTP dates have whole seconds
  expect(retryAfterSeconds('Fri, 30 Jan 2026 07:00:00 GMT', now)).toBe(0); // already past
  for (const junk of [undefined, null, '', '-5', '1.5', 'soon', '9'.repeat(12), 'x'.repeat(500)])
    expect(retryAfterSeconds(junk, now)).toBeUndefined();
});

test('without Retry-After: 1–2 s, then 2–4 s, whatever the jitter; then stop', () => {
  for (const r of [0, 0.5, 0.999]) {
    expect(backoffMs(1, () => r)).toBeGreaterThanOrEqual(1000);
    expect(backoffMs(1, () => r)).toBeLessThan(2000);
    expect(backoffMs(2, () => r)).toBeGreaterThanOrEqual(2000);
    expect(backoffMs(2, () => r)).toBeLessThan(4000);
  }
  const waits = [1, 2].map((n) => nextRetry(n, undefined));
  expect(waits.every((w) => 'waitMs' in w && w.waitMs >= 1000 && w.waitMs < 4000)).toBe(true);
  expect(nextRetry(3, undefined)).toEqual({ stop: true });
});

test('a Retry-After up to the cap is waited as told; beyond it, the client stops and says when', () => {
  expect(nextRetry(1, 7)).toEqual({ waitMs: 7000 });
  expect(nextRetry(2, MAX_WAIT_SECONDS)).toEqual({ waitMs: MAX_WAIT_SECONDS * 1000 });
  expect(nextRetry(1, MAX_WAIT_SECONDS + 1)).toEqual({ stop: true, laterSeconds: MAX_WAIT_SECONDS + 1 });
  expect(tryAgainIn(45)).toEqual({ zh: '请在 45 秒后重试', en: 'Try again in 45 s' });
  expect(tryAgainIn(300).zh).toBe('请在约 5 分钟后重试');
  // The WAF's "try again later" ending gives way to the time; other words get it added.
  expect(
    withTryAgainIn(
      { zh: '此网络地址的请求过多，请稍后再试', en: 'Too many requests from this network address; try again later' },
      300,
    ),
  ).toEqual({
    zh: '此网络地址的请求过多，请在约 5 分钟后重试。',
    en: 'Too many requests from this network address. Try again in about 5 minutes.',
  });
  expect(withTryAgainIn({ zh: '服务繁忙。', en: 'Busy.' }, 40)).toEqual({
    zh: '服务繁忙，请在 40 秒后重试。',
    en: 'Busy. Try again in 40 s.',
  });
});
